package io.pinfold.pin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinfold.events.validation.CidShape;
import io.pinfold.events.validation.FieldChecks;
import io.pinfold.events.validation.Violation;
import io.pinfold.pin.desired.PinInput;
import io.pinfold.runtime.rest.RequestRejected;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The filters of {@code GET /pins}, read from the raw query parameters so that every malformed one is answered with
 * the spec's Failure naming it (a typed JAX-RS parameter would answer 404 to {@code limit=x}). Defaults are the
 * spec's: match exact, limit 10, and status pinned only "when no filter is provided" (GET /pins' description): a
 * {@code cid}, {@code name} or {@code meta} filter without {@code status} finds pins in every status (the compliance
 * suite looks a just-created, still queued pin up by name so). {@code before}, {@code after} and {@code limit} page a
 * listing and keep the default, so reading a default listing page by page with {@code before} stays pinned-only.
 *
 * @param multihashes content asked for with {@code cid} (any CID form matches the content), empty for all
 * @param name        the name filter, or null
 * @param match       how {@code name} matches
 * @param statuses    the statuses asked for
 * @param before      only pins created before this, or null
 * @param after       only pins created after this, or null
 * @param limit       page size, 1 to 1000
 * @param meta        key/value pairs the pin's meta must contain, or empty
 */
public record PinQuery(List<String> multihashes, String name, Match match, Set<String> statuses, OffsetDateTime before,
                       OffsetDateTime after, int limit, Map<String, String> meta) {
    public static final int MAX_CIDS = 10;
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 10;
    public static final List<String> STATUSES = List.of("queued", "pinning", "pinned", "failed");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The spec's TextMatchingStrategy. */
    public enum Match {
        EXACT, IEXACT, PARTIAL, IPARTIAL;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @throws RequestRejected 400 naming every bad parameter */
    public static PinQuery parse(List<String> cid, String name, String match, List<String> status, String before, String after,
                                 String limit, String meta) {
        FieldChecks checks = FieldChecks.start();
        List<String> multihashes = cids(cid, checks);
        checks.text("name", name, PinInput.MAX_NAME);
        Match matching = match(match, checks);
        Map<String, String> metaFilter = meta(meta, checks);
        boolean selects = !multihashes.isEmpty() || (name != null && !name.isEmpty()) || !metaFilter.isEmpty();
        Set<String> statuses = statuses(status, selects, checks);
        OffsetDateTime beforeTime = timestamp("before", before, checks);
        OffsetDateTime afterTime = timestamp("after", after, checks);
        int size = limit(limit, checks);
        if (!checks.violations().isEmpty()) {
            throw new RequestRejected(400, "BAD_REQUEST", checks.violations().stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
        return new PinQuery(multihashes, name == null || name.isEmpty() ? null : name, matching, statuses, beforeTime, afterTime, size, metaFilter);
    }

    /** Comma-separated (the spec's form style), or the parameter repeated. */
    private static List<String> values(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        return raw.stream().flatMap(value -> Arrays.stream(value.split(",", -1))).toList();
    }

    private static List<String> cids(List<String> raw, FieldChecks checks) {
        List<String> given = values(raw);
        if (given.size() > MAX_CIDS) {
            checks.add("cid", "at most " + MAX_CIDS + " CIDs, was " + given.size());
            return List.of();
        }
        LinkedHashSet<String> multihashes = new LinkedHashSet<>();
        for (String cid : given) {
            var problem = CidShape.problem(cid);
            if (problem.isPresent()) {
                checks.add("cid", problem.get() + " (" + Violation.quote(cid) + ")");
            } else {
                multihashes.add(CidShape.multihashBase32(cid));
            }
        }
        return List.copyOf(multihashes);
    }

    private static Match match(String raw, FieldChecks checks) {
        if (raw == null || raw.isEmpty()) {
            return Match.EXACT;
        }
        for (Match match : Match.values()) {
            if (match.json().equals(raw)) {
                return match;
            }
        }
        checks.add("match", "unknown strategy " + Violation.quote(raw) + " (expected exact, iexact, partial or ipartial)");
        return Match.EXACT;
    }

    /** The statuses asked for; none given: every status when another filter selects pins, else pinned only. */
    private static Set<String> statuses(List<String> raw, boolean otherFilters, FieldChecks checks) {
        List<String> given = values(raw);
        if (given.isEmpty()) {
            // the spec: "when no filter is provided, only successful pins are returned"
            return otherFilters ? new LinkedHashSet<>(STATUSES) : Set.of("pinned");
        }
        LinkedHashSet<String> statuses = new LinkedHashSet<>();
        for (String status : given) {
            if (STATUSES.contains(status)) {
                statuses.add(status);
            } else {
                checks.add("status", "unknown status " + Violation.quote(status) + " (expected queued, pinning, pinned or failed)");
            }
        }
        return statuses;
    }

    private static OffsetDateTime timestamp(String field, String raw, FieldChecks checks) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            // An unescaped "+02:00" arrives as " 02:00": a query string decodes "+" to a space.
            return OffsetDateTime.parse(raw.replace(' ', '+').toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            checks.add(field, "not an RFC 3339 timestamp " + Violation.quote(raw) + " (e.g. 2020-07-27T17:32:28.276Z)");
            return null;
        }
    }

    private static int limit(String raw, FieldChecks checks) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit < 1 || limit > MAX_LIMIT) {
                checks.add("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
            }
            return limit;
        } catch (NumberFormatException e) {
            checks.add("limit", "must be a whole number between 1 and " + MAX_LIMIT + ", was " + Violation.quote(raw));
            return DEFAULT_LIMIT;
        }
    }

    private static Map<String, String> meta(String raw, FieldChecks checks) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(raw);
        } catch (Exception e) {
            checks.add("meta", "not JSON " + Violation.quote(raw) + " (expected an object of strings, e.g. {\"app_id\":\"x\"})");
            return Map.of();
        }
        if (tree == null || !tree.isObject()) {
            checks.add("meta", "must be a JSON object of strings, was " + Violation.quote(raw));
            return Map.of();
        }
        Map<String, String> meta = new LinkedHashMap<>();
        List<String> notStrings = new ArrayList<>();
        tree.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                meta.put(entry.getKey(), entry.getValue().asText());
            } else {
                notStrings.add(entry.getKey());
            }
        });
        notStrings.forEach(key -> checks.add("meta." + key, "must be a string"));
        checks.size("meta", meta, PinInput.MAX_META_ENTRIES);
        return meta;
    }
}
