package io.pinfold.systemtest;

import io.pinfold.testsupport.stack.RepoRoot;
import java.nio.file.Path;
import java.util.Optional;

/** The four services, with the environment variables that set their port and database (see their application.properties). */
public enum PinfoldService {
    PIN("pin-service", "PINFOLD_PIN_PORT", "PINFOLD_PIN_DB", "pins"),
    GC("gc-service", "PINFOLD_GC_PORT", "PINFOLD_GC_DB", "gc"),
    TAKEDOWN("takedown-service", "PINFOLD_TAKEDOWN_PORT", "PINFOLD_TAKEDOWN_DB", "takedowns"),
    EDGE("gateway-edge", "PINFOLD_EDGE_PORT", null, null);

    private final String serviceName;
    private final String portVariable;
    private final String databaseVariable;
    private final String databaseSuffix;

    PinfoldService(String serviceName, String portVariable, String databaseVariable, String databaseSuffix) {
        this.serviceName = serviceName;
        this.portVariable = portVariable;
        this.databaseVariable = databaseVariable;
        this.databaseSuffix = databaseSuffix;
    }

    /** Its name everywhere: module folder, quarkus.application.name, OpenTelemetry service.name. */
    public String serviceName() {
        return serviceName;
    }

    public String portVariable() {
        return portVariable;
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
