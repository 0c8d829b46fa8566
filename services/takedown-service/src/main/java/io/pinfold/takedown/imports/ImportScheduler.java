package io.pinfold.takedown.imports;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Starts the runs of scheduled sources whose time has come. Every service copy looks; the source's lease (taken in
 * the same statement that moves its next run time on) lets exactly one of them run it.
 */
@ApplicationScoped
public class ImportScheduler {
    static final String ACTOR = "system:import-schedule";
    private static final Logger LOG = Logger.getLogger(ImportScheduler.class);
    private final ImportStore store;
    private final ImportRunner runner;

    public ImportScheduler(ImportStore store, ImportRunner runner) {
        this.store = store;
        this.runner = runner;
    }

    @Scheduled(every = "${pinfold.imports.schedule-check:10s}", delay = 2, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void startDueRuns() {
        try {
            for (ImportSource source : store.due()) {
                runner.startFetch(source, Trigger.SCHEDULE, ACTOR)
                        .ifPresent(run -> LOG.infof("import of %s started by its schedule: run %s", source.name(), run.id()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("import schedule: %s (will look again)", e.getMessage());
        }
    }
}
