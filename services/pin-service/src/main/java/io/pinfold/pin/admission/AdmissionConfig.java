package io.pinfold.pin.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** pinfold.admission.*: how old (or how far ahead) a signed pin event's ce_time may be. */
@ConfigMapping(prefix = "pinfold.admission")
public interface AdmissionConfig {

    /** A signed event whose ce_time is older than this when it is consumed is refused as stale (a replay). */
    @WithDefault("5m")
    Duration maxEventAge();

    /** A signed event whose ce_time is further ahead of this copy's clock than this is refused. */
    @WithDefault("1m")
    Duration maxFutureSkew();
}
