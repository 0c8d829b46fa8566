package io.pinfold.pin.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.pin.desired.PinRequests;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Reads pins as the Pinning Service API shows them, always within the calling tenant: one pin by request id, or a
 * filtered page newest first with the count of all matches. Plain SQL on the reactive pool, because the filters
 * (JSON containment, case-insensitive substring, multihash lists) and the delegates join are SQL's, not HQL's.
 */
@ApplicationScoped
public class PinListing {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC_3339_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    private static final int MAX_DELEGATES = 20;

    /** Every query starts here: $1 is always the tenant's id, so no query ever leaves the tenant. */
    private static final String WHERE = "WHERE p.tenant = (SELECT name FROM tenant WHERE id = $1) AND p.removed_at IS NULL";
    /**
     * The columns of a PinStatus. The delegates come as the holding nodes' address lists, split, deduplicated and
     * sorted here: two index lookups per pin, where splitting and sorting in SQL cost ~50 µs per row of a 1000-pin page.
     */
    private static final String SELECT = """
            SELECT p.pin_id, p.status, p.requested_at, p.cid, p.name, p.origins::text AS origins, p.meta::text AS meta,
                   p.info::text AS info, p.failure_reason,
                   ARRAY(SELECT n.swarm_addresses FROM node_pin np JOIN kubo_node n ON n.id = np.node_id
                         WHERE np.pin_id = p.pin_id AND np.wanted) AS delegates
            FROM desired_pin p
            """ + WHERE;

    private final Pool pool;

    public PinListing(Pool pool) {
        this.pool = pool;
    }

    /** The tenant's live pin with this request id; a 404 naming it when there is none (or it is another tenant's). */
    @WithSpan("pins.get")
    public Uni<PinStatusView> get(UUID tenantId, String pinId) {
        return pool.preparedQuery(SELECT + " AND p.pin_id = $2")
                .execute(Tuple.of(tenantId, pinId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw PinRequests.notFound(pinId);
                    }
                    return view(rows.iterator().next());
                });
    }

    /**
     * A page of the tenant's pins matching {@code query}, newest first, and how many match in all. Two queries on the
     * same filter: the page (LIMIT first, so the delegates and JSON of only those rows are built) and the count (no
     * select list at all); a window count over the page query would build every match's row before the LIMIT.
     */
    @WithSpan("pins.list")
    public Uni<PinResultsView> list(UUID tenantId, PinQuery query) {
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        String filter = filter(query, parameters);
        List<Object> pageParameters = new ArrayList<>(parameters);
        pageParameters.add(query.limit());
        String page = SELECT + filter
                + " ORDER BY p.requested_at DESC, p.pin_id DESC LIMIT $" + pageParameters.size();
        String count = "SELECT count(*) AS total FROM desired_pin p " + WHERE + filter;
        Uni<List<PinStatusView>> results = pool.preparedQuery(page).execute(Tuple.from(pageParameters)).map(PinListing::views);
        Uni<Long> total = pool.preparedQuery(count).execute(Tuple.from(parameters)).map(rows -> rows.iterator().next().getLong("total"));
        return Uni.combine().all().unis(total, results).asTuple()
                .map(both -> new PinResultsView(both.getItem1(), both.getItem2()));
    }

    /** The conditions of {@code query} after the tenant's, with their values appended to {@code parameters}. */
    private static String filter(PinQuery query, List<Object> parameters) {
        StringBuilder sql = new StringBuilder();
        parameters.add(query.statuses().toArray(String[]::new));
        sql.append(" AND p.status = ANY($").append(parameters.size()).append(')');
        if (!query.multihashes().isEmpty()) {
            parameters.add(query.multihashes().toArray(String[]::new));
            sql.append(" AND p.multihash = ANY($").append(parameters.size()).append(')');
        }
        if (query.name() != null) {
            boolean partial = query.match() == PinQuery.Match.PARTIAL || query.match() == PinQuery.Match.IPARTIAL;
            parameters.add(partial ? "%" + likeEscaped(query.name()) + "%" : query.name());
            String p = "$" + parameters.size();
            // LIKE/ILIKE rather than strpos: V8's trigram index serves them (a function call hides the column from it).
            sql.append(switch (query.match()) {
                case EXACT -> " AND p.name = " + p;
                case IEXACT -> " AND lower(p.name) = lower(" + p + ")";
                case PARTIAL -> " AND p.name LIKE " + p;
                case IPARTIAL -> " AND p.name ILIKE " + p;
            });
        }
        if (query.before() != null) {
            parameters.add(query.before());
            sql.append(" AND p.requested_at < $").append(parameters.size());
        }
        if (query.after() != null) {
            parameters.add(query.after());
            sql.append(" AND p.requested_at > $").append(parameters.size());
        }
        if (!query.meta().isEmpty()) {
            parameters.add(json(query.meta()));
            // via text: the client would send a String bound as jsonb as a JSON string. Both sides wrapped in the tenant's
            // name (V8's pin_tenant_meta), so the GIN index finds this tenant's matches only, not every tenant's.
            sql.append(" AND pin_tenant_meta(p.tenant, p.meta) @> pin_tenant_meta((SELECT name FROM tenant WHERE id = $1), $")
                    .append(parameters.size()).append("::text::jsonb)");
        }
        return sql.toString();
    }

    /** {@code text} as a LIKE pattern that matches it literally ('\\' is LIKE's default escape). */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static List<PinStatusView> views(RowSet<Row> rows) {
        List<PinStatusView> results = new ArrayList<>();
        for (Row row : rows) {
            results.add(view(row));
        }
        return results;
    }

    private static PinStatusView view(Row row) {
        Map<String, String> info = strings(row.getString("info"));
        String failure = row.getString("failure_reason");
        if (failure != null && !info.containsKey("status_details")) {
            info.put("status_details", failure);
        }
        List<String> origins = read(row.getString("origins"), new TypeReference<List<String>>() { });
        Map<String, String> meta = strings(row.getString("meta"));
        return new PinStatusView(row.getString("pin_id"), row.getString("status"), created(row.getOffsetDateTime("requested_at")),
                new PinBody(row.getString("cid"), row.getString("name"), origins, meta), delegates(row.getArrayOfStrings("delegates")), info);
    }

    /** The holding nodes' swarm addresses (each node's space-separated), distinct, sorted, at most MAX_DELEGATES. */
    static List<String> delegates(String[] addressLists) {
        if (addressLists == null) {
            return List.of();
        }
        TreeSet<String> addresses = new TreeSet<>();
        for (String list : addressLists) {
            if (list != null) {
                for (String address : list.split(" ")) {
                    if (!address.isEmpty()) {
                        addresses.add(address);
                    }
                }
            }
        }
        return addresses.stream().limit(MAX_DELEGATES).toList();
    }

    /** RFC 3339 in UTC with milliseconds, as clients send it back in before/after. */
    static String created(OffsetDateTime created) {
        return RFC_3339_MILLIS.format(created.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** A JSON object's values as strings (the spec's info and meta are string maps; a number written there still shows). */
    private static Map<String, String> strings(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode tree = read(json, new TypeReference<JsonNode>() { });
        if (tree != null && tree.isObject()) {
            tree.fields().forEachRemaining(entry -> values.put(entry.getKey(),
                    entry.getValue().isTextual() ? entry.getValue().asText() : entry.getValue().toString()));
        }
        return values;
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return json == null ? null : JSON.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("desired_pin holds JSON that does not parse: " + e.getMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
