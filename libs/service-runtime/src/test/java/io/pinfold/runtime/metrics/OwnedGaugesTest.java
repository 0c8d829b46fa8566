package io.pinfold.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class OwnedGaugesTest {
    private static final Tags NODE = Tags.of("node", "kubo-1");

    @Test
    void aSecondOwnerOfTheSameGaugeIdReportsItsOwnValueNotTheFirstOwnersObject() {
        // As in a Quarkus test JVM: the registry outlives the first application; its bean never got to close.
        CompositeMeterRegistry registry = new CompositeMeterRegistry();
        registry.add(new SimpleMeterRegistry());
        new OwnedGauges(registry).value("pinfold.test.unowned", "d", NODE).set(3);

        OwnedGauges second = new OwnedGauges(registry);
        second.value("pinfold.test.unowned", "d", NODE).set(7);

        assertThat(registry.get("pinfold.test.unowned").tags(NODE).gauge().value()).isEqualTo(7.0);
        assertThat(registry.find("pinfold.test.unowned").gauges()).hasSize(1);
    }

    @Test
    void aGaugeWithMoreTagsIsNotTakenForTheSameId() {
        CompositeMeterRegistry registry = new CompositeMeterRegistry();
        registry.add(new SimpleMeterRegistry());
        OwnedGauges gauges = new OwnedGauges(registry);
        gauges.value("pinfold.test.pins", "d", NODE.and("status", "pinned")).set(5);
        gauges.value("pinfold.test.pins", "d", NODE).set(1);

        assertThat(registry.get("pinfold.test.pins").tags(NODE.and("status", "pinned")).gauge().value()).isEqualTo(5.0);
    }

    @Test
    void keepsTheBaseUnitWhichPrometheusAppendsToTheName() {
        CompositeMeterRegistry registry = new CompositeMeterRegistry();
        registry.add(new SimpleMeterRegistry());
        new OwnedGauges(registry).register("pinfold.test.age", "d", "seconds", Tags.empty(), new Object(), ignored -> 4.0);

        assertThat(registry.get("pinfold.test.age").gauge().getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(registry.get("pinfold.test.age").gauge().value()).isEqualTo(4.0);
    }

    @Test
    void closingRemovesTheOwnersGaugesFromTheRegistry() {
        CompositeMeterRegistry registry = new CompositeMeterRegistry();
        registry.add(new SimpleMeterRegistry());
        OwnedGauges gauges = new OwnedGauges(registry);
        gauges.value("pinfold.test.leases", "d", Tags.empty()).set(2);
        gauges.register("pinfold.test.leader", "d", Tags.empty(), new Object(), ignored -> 1.0);

        gauges.close();

        assertThat(registry.find("pinfold.test.leases").gauge()).isNull();
        assertThat(registry.find("pinfold.test.leader").gauge()).isNull();
    }
}
