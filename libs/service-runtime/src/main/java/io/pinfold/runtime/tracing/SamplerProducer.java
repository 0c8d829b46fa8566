package io.pinfold.runtime.tracing;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Quarkus uses a {@link Sampler} bean when there is one: ours keeps the default policy (parent-based, always on) minus housekeeping. */
public class SamplerProducer {

    @Produces
    @Singleton
    Sampler sampler() {
        return new HousekeepingSampler(Sampler.parentBased(Sampler.alwaysOn()));
    }
}
