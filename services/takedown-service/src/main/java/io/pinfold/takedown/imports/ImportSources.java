package io.pinfold.takedown.imports;

import io.pinfold.runtime.rest.RequestRejected;
import io.pinfold.takedown.access.Actor;
import io.pinfold.takedown.audit.AuditAction;
import io.pinfold.takedown.audit.AuditEntry;
import io.pinfold.takedown.audit.AuditTrail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Configures sources: validates a request field by field and saves it with its audit record in one transaction. */
@ApplicationScoped
public class ImportSources {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern LEGAL_REASON = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final int MAX_INTERVAL = 30 * 24 * 3600;
    private final ImportStore store;
    private final AuditTrail audit;

    public ImportSources(ImportStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw RequestRejected.badRequest("name", "1-63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit, got '"
                    + (name == null ? "" : ImportStore.cut(name, 80)) + "'");
        }
        return name;
    }

    /** Creates or replaces the source; answers whether it was created. */
    public boolean save(String name, SourceRequest request, Actor actor) {
        checkName(name);
        if (request == null) {
            throw RequestRejected.badRequest("body", "a JSON object is required");
        }
        List<String> problems = new ArrayList<>();
        String url = request.url() == null || request.url().isBlank() ? null : request.url().strip();
        if (url != null) {
            try {
                URI uri = new URI(url);
                if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    problems.add("url: an absolute http or https URL is required, got '" + ImportStore.cut(url, 200) + "'");
                } else if (url.length() > 2048) {
                    problems.add("url: at most 2048 characters");
                }
            } catch (URISyntaxException e) {
                problems.add("url: not a URL: " + e.getMessage());
            }
        }
        Integer interval = request.intervalSeconds();
        if (interval != null && (interval < 60 || interval > MAX_INTERVAL)) {
            problems.add("intervalSeconds: must be between 60 and " + MAX_INTERVAL + ", got " + interval);
        }
        if (interval != null && url == null) {
            problems.add("intervalSeconds: a schedule needs a url to fetch");
        }
        String legal = request.legalReason();
        if (legal != null && !LEGAL_REASON.matcher(legal).matches()) {
            problems.add("legalReason: a lower-case word of a-z, 0-9 and '-' (at most 40), got '" + ImportStore.cut(legal, 80) + "'");
        }
        int status = request.status() == null ? (legal == null ? 410 : 451) : request.status();
        if (status != 410 && status != 451) {
            problems.add("status: must be 410 or 451, got " + status);
        } else if (legal != null && status != 451) {
            problems.add("status: an entry with a legalReason is answered 451, not " + status);
        }
        if (!problems.isEmpty()) {
            throw new RequestRejected(400, "BAD_REQUEST", String.join("; ", problems));
        }
        boolean enabled = request.enabled() == null || request.enabled();
        boolean created = store.source(name).isEmpty();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", name);
        details.put("url", url);
        details.put("intervalSeconds", interval);
        details.put("enabled", enabled);
        details.put("status", status);
        details.put("legalReason", legal);
        AuditEntry entry = new AuditEntry(actor.name(), AuditAction.DENYLIST_IMPORT_SOURCE_SAVED, "import:" + name,
                created ? "import source created" : "import source changed", details);
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                    .chain(session -> session.createNativeQuery("""
                                    INSERT INTO import_source (id, name, url, interval_seconds, enabled, status, legal_reason, next_run_at,
                                                               created_at, created_by, updated_at, updated_by)
                                    VALUES (:id, :name, CAST(:url AS text), CAST(:interval AS integer), :enabled, :status, CAST(:legal AS text),
                                            CASE WHEN CAST(:interval AS integer) IS NULL THEN NULL ELSE now() END, now(), :actor, now(), :actor)
                                    ON CONFLICT (name) DO UPDATE SET url = EXCLUDED.url, interval_seconds = EXCLUDED.interval_seconds,
                                        enabled = EXCLUDED.enabled, status = EXCLUDED.status, legal_reason = EXCLUDED.legal_reason,
                                        etag = CASE WHEN import_source.url IS DISTINCT FROM EXCLUDED.url THEN NULL ELSE import_source.etag END,
                                        last_modified = CASE WHEN import_source.url IS DISTINCT FROM EXCLUDED.url THEN NULL ELSE import_source.last_modified END,
                                        next_run_at = CASE WHEN EXCLUDED.interval_seconds IS NULL THEN NULL
                                                           WHEN import_source.interval_seconds IS DISTINCT FROM EXCLUDED.interval_seconds
                                                                OR import_source.next_run_at IS NULL THEN now()
                                                           ELSE import_source.next_run_at END,
                                        updated_at = now(), updated_by = EXCLUDED.updated_by""")
                            .setParameter("id", UUID.randomUUID())
                            .setParameter("name", name)
                            .setParameter("url", url)
                            .setParameter("interval", interval)
                            .setParameter("enabled", enabled)
                            .setParameter("status", status)
                            .setParameter("legal", legal)
                            .setParameter("actor", actor.name())
                            .executeUpdate())
                    .chain(() -> audit.append(entry))));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("saving import source " + name + " failed: " + e.getMessage(), e);
        }
        return created;
    }

    public Optional<SourceView> view(String name) {
        return store.source(name).map(source -> SourceView.of(source, entries(source.id())));
    }

    public List<SourceView> all() {
        return store.sources().stream().map(source -> SourceView.of(source, entries(source.id()))).toList();
    }

    private long entries(UUID sourceId) {
        return ImportStore.await(store.pool().preparedQuery("SELECT count(*) FROM denylist_entry WHERE notice_id = $1")
                .execute(Tuple.of(sourceId))).iterator().next().getLong(0);
    }
}
