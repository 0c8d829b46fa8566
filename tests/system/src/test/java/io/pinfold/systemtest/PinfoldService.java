package io.pinfold.systemtest;

import io.pinfold.testsupport.stack.RepoRoot;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The four services, with the environment variables that set their main port, their management port (health,
 * metrics, OpenAPI) and their database (see their application.properties).
 */
public enum PinfoldService {
    PIN("pin-service", "PINFOLD_PIN", "PINFOLD_PIN_DB", "pins"),
    GC("gc-service", "PINFOLD_GC", "PINFOLD_GC_DB", "gc"),
    TAKEDOWN("takedown-service", "PINFOLD_TAKEDOWN", "PINFOLD_TAKEDOWN_DB", "takedowns"),
    EDGE("gateway-edge", "PINFOLD_EDGE", null, null);

    private final String serviceName;
    private final String variablePrefix;
    private final String databaseVariable;
    private final String databaseSuffix;

    PinfoldService(String serviceName, String variablePrefix, String databaseVariable, String databaseSuffix) {
        this.serviceName = serviceName;
        this.variablePrefix = variablePrefix;
        this.databaseVariable = databaseVariable;
        this.databaseSuffix = databaseSuffix;
    }

    /** Its name everywhere: module folder, quarkus.application.name, OpenTelemetry service.name. */
    public String serviceName() {
        return serviceName;
    }

    /** e.g. PINFOLD_PIN_PORT: the main port, the service's API. */
    public String portVariable() {
        return variablePrefix + "_PORT";
    }

    /** e.g. PINFOLD_PIN_MANAGEMENT_PORT: health, metrics, OpenAPI and admin views. */
    public String managementPortVariable() {
        return variablePrefix + "_MANAGEMENT_PORT";
    }

    /** The variable naming its database, for the services that own one. */
    public Optional<String> databaseVariable() {
        return Optional.ofNullable(databaseVariable);
    }

    /** A database name of its own for one run, e.g. system_1a2b3c4d_pins. */
    public String databaseName(String runId) {
        return "system_" + runId + "_" + databaseSuffix;
    }

    /** The packaged application that `./mvnw package` leaves in the module. */
    public Path jar() {
        return RepoRoot.path().resolve("services").resolve(serviceName).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
