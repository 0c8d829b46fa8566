package io.pinfold.takedown.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The transparency report's limits (keys and defaults documented in application.properties and README). */
@ConfigMapping(prefix = "pinfold.reports")
public interface ReportConfig {
    /** Most months one report may cover: the report is public, so one request cannot ask the database for decades. */
    @WithDefault("120")
    int maxMonths();

    /** How long a client or proxy may keep a report (Cache-Control max-age, seconds). */
    @WithDefault("60")
    int maxAgeSeconds();
}
