package io.pinfold.takedown.imports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.pinfold.outbox.OutboxBatch;
import io.pinfold.takedown.audit.AuditAction;
import io.pinfold.takedown.audit.AuditEntry;
import io.pinfold.takedown.audit.AuditTrail;
import io.pinfold.takedown.denylist.DenylistConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs imports: takes the source's lease (one run per source across every service copy), then, on an import worker
 * thread, fetches the list (conditional GET) or opens the upload, reads it into the work table ({@link ListStager}),
 * applies it ({@link ImportApplier}: additions, then removals) and records the outcome: the run row, one
 * {@code denylist.imported} audit record (who, source, counts), metrics. The lease is released at the end; a copy
 * that dies mid-run leaves it to expire, and the next run of the source closes the abandoned one.
 */
@ApplicationScoped
public class ImportRunner {
    private static final Logger LOG = Logger.getLogger(ImportRunner.class);
    private final ImportStore store;
    private final ListFetcher fetcher;
    private final ImportConfig config;
    private final DenylistConfig denylist;
    private final AuditTrail audit;
    private final MeterRegistry metrics;
    private final Tracer tracer;
    private final ListStager stager;
    private final ImportApplier applier;
    private final ExecutorService workers;

    public ImportRunner(ImportStore store, ListFetcher fetcher, ImportConfig config, DenylistConfig denylist, AuditTrail audit,
                        OutboxBatch outbox, MeterRegistry metrics, Tracer tracer) {
        this.store = store;
        this.fetcher = fetcher;
        this.config = config;
        this.denylist = denylist;
        this.audit = audit;
        this.metrics = metrics;
        this.tracer = tracer;
        this.stager = new ListStager(store, config);
        this.applier = new ImportApplier(store.pool(), outbox, config);
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.workers(), task -> {
            Thread thread = new Thread(task, "pinfold-import-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Where a run reads its list from: a fetch (empty when unchanged) or an upload. */
    @FunctionalInterface
    interface Input {
        Optional<ListBody> open(ImportSource source) throws Exception;
    }

    /** Fetches the source's URL. */
    public Optional<RunView> startFetch(ImportSource source, Trigger trigger, String actor) {
        return start(source, trigger, actor, s -> fetcher.fetch(URI.create(s.url()), s.etag(), s.lastModified()), null);
    }

    /** Reads an uploaded list (a file this runner deletes when the run ends). */
    public Optional<RunView> startUpload(ImportSource source, String actor, java.nio.file.Path file) {
        return start(source, Trigger.UPLOAD, actor,
                s -> Optional.of(new ListBody(java.nio.file.Files.newInputStream(file), "text/plain", null, null, null)), file);
    }

    /** Empty when another run holds the source's lease. */
    private Optional<RunView> start(ImportSource source, Trigger trigger, String actor, Input input, java.nio.file.Path cleanup) {
        UUID runId = UUID.randomUUID();
        if (!store.begin(source, runId, trigger, actor)) {
            deleteQuietly(cleanup);
            return Optional.empty();
        }
        workers.submit(() -> execute(runId, source, trigger, actor, input, cleanup));
        return store.run(runId);
    }

    private void execute(UUID runId, ImportSource source, Trigger trigger, String actor, Input input, java.nio.file.Path cleanup) {
        Span span = tracer.spanBuilder("denylist.import").setAttribute("pinfold.import.source", source.name())
                .setAttribute("pinfold.import.run", runId.toString()).setAttribute("pinfold.import.trigger", trigger.code()).startSpan();
        RunCounters counters = new RunCounters();
        long started = System.nanoTime();
        RunState state = RunState.FAILED;
        String rule = null;
        String problem = null;
        try (Scope scope = span.makeCurrent()) {
            ImportedEntries entries = new ImportedEntries(source, denylist.doubleHash());
            Optional<ListBody> opened = input.open(source);
            if (opened.isEmpty()) {
                counters.httpStatus = 304;
                state = RunState.NOT_MODIFIED;
            } else {
                try (ListBody body = opened.get()) {
                    counters.httpStatus = body.httpStatus();
                    store.progress(runId, "reading", counters);
                    counters.staged = stager.stage(runId, source, entries, body, counters);
                    applier.addAll(runId, source, entries, actor, counters);
                    applier.removeAll(runId, source, actor, counters);
                    store.validators(source, body.etag(), body.lastModified());
                    state = RunState.COMPLETED;
                }
            }
        } catch (NotADenylistException e) {
            state = RunState.REFUSED;
            rule = e.rule();
            problem = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted: the service is stopping";
        } catch (Exception e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warnf(e, "import run %s of source %s failed", runId, source.name());
        } finally {
            span.setAttribute("pinfold.import.state", state.code());
            span.setAttribute("pinfold.import.added", counters.added);
            span.setAttribute("pinfold.import.removed", counters.removed);
            if (state == RunState.FAILED) {
                span.setStatus(StatusCode.ERROR, problem == null ? "failed" : problem);
            }
            try (Scope scope = span.makeCurrent()) {
                finish(runId, source, trigger, actor, state, counters, rule, problem, Duration.ofNanos(System.nanoTime() - started));
            } catch (RuntimeException e) {
                LOG.errorf(e, "import run %s of source %s: recording its end failed", runId, source.name());
            } finally {
                deleteQuietly(cleanup);
                span.end();
            }
        }
    }

    private void finish(UUID runId, ImportSource source, Trigger trigger, String actor, RunState state, RunCounters counters,
                        String rule, String problem, Duration took) {
        try {
            store.clearWork(runId);
            store.finish(runId, state, counters, rule, problem);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("runId", runId.toString());
            details.put("source", source.name());
            details.put("url", trigger == Trigger.UPLOAD ? null : source.url());
            details.put("trigger", trigger.code());
            details.put("state", state.code());
            details.put("httpStatus", counters.httpStatus);
            details.put("bytesRead", counters.bytesRead);
            details.put("linesRead", counters.linesRead);
            details.put("added", counters.added);
            details.put("removed", counters.removed);
            details.put("unchanged", counters.unchanged());
            details.put("rejected", counters.rejected);
            details.put("refusalRule", rule);
            String reason = switch (state) {
                case COMPLETED -> "list imported";
                case NOT_MODIFIED -> "list unchanged since the last import (304)";
                case REFUSED -> "list refused (" + rule + "): " + problem;
                default -> "import failed: " + problem;
            };
            AuditEntry entry = new AuditEntry(actor, AuditAction.DENYLIST_IMPORTED, source.holderName(), ImportStore.cut(reason, 4000), details);
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> audit.append(entry)));
        } catch (Throwable e) {
            throw new IllegalStateException("recording import run " + runId + " failed: " + e.getMessage(), e);
        } finally {
            store.release(source, runId);
            Counter.builder("pinfold.imports").description("Import runs ended, by source and state")
                    .tag("source", source.name()).tag("state", state.code()).register(metrics).increment();
            entries("added", source, counters.added);
            entries("removed", source, counters.removed);
            entries("rejected", source, counters.rejected);
            Timer.builder("pinfold.imports.duration").description("Time an import run took, by source and state")
                    .tag("source", source.name()).tag("state", state.code()).register(metrics).record(took);
        }
    }

    private void entries(String change, ImportSource source, long count) {
        Counter.builder("pinfold.imports.entries").description("Entries added and removed by imports, and bad lines")
                .tag("source", source.name()).tag("change", change).register(metrics).increment(count);
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        if (file != null) {
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                LOG.warnf("could not delete upload %s: %s", file, e.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
