package io.pinfold.pin.admission;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.events.validation.Violation;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.IpfsPath;
import io.pinfold.pin.tenant.AdminChanges;
import io.pinfold.pin.tenant.Tenants;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads and sets tenants' admission rules; {@link #contentRules} and {@link #rules} serve the pin paths. */
@ApplicationScoped
public class TenantAdmission {
    static final int MAX_LIST = 64;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9]{1,128}");

    private final AdminChanges changes;

    public TenantAdmission(AdminChanges changes) {
        this.changes = changes;
    }

    public Uni<AdmissionRulesView> get(UUID tenantId) {
        return Panache.withSession(() -> Tenants.require(tenantId).chain(tenant -> AdmissionRules.<AdmissionRules>findById(tenantId)))
                .map(rules -> AdmissionRulesView.of(tenantId, rules));
    }

    @WithSpan("tenant.set-admission")
    public Uni<AdmissionRulesView> set(UUID tenantId, AdmissionRulesUpdate update) {
        Span.current().setAttribute("pinfold.tenant.id", tenantId.toString());
        List<Violation> problems = violations(update);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(new RequestRejected(400, "BAD_REQUEST", InvalidEventException.describe(problems)));
        }
        return Panache.withTransaction(() -> Tenants.require(tenantId)
                        .chain(tenant -> AdmissionRules.<AdmissionRules>findById(tenantId))
                        .chain(found -> {
                            AdmissionRules rules = found != null ? found : new AdmissionRules();
                            rules.tenantId = tenantId;
                            rules.requireSignedEvents = Boolean.TRUE.equals(update.requireSignedEvents());
                            rules.maxDagBytes = update.maxDagBytes();
                            rules.maxDagBlocks = update.maxDagBlocks();
                            rules.allowedCodecs = JsonLists.write(update.allowedCodecs());
                            rules.allowedHashFunctions = JsonLists.write(update.allowedHashFunctions());
                            rules.allowedPrefixes = JsonLists.write(update.allowedPrefixes());
                            rules.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                            return found != null ? Uni.createFrom().item(rules) : rules.<AdmissionRules>persist();
                        }))
                .invoke(() -> changes.count("tenant.admission-set"))
                .map(rules -> AdmissionRulesView.of(tenantId, rules));
    }

    /** The tenant's rules inside the caller's session; null when it has none. */
    public Uni<AdmissionRules> rules(UUID tenantId) {
        return AdmissionRules.findById(tenantId);
    }

    /** The tenant's content rules inside the caller's session ({@link ContentRules#NONE} without a row). */
    public Uni<ContentRules> contentRules(UUID tenantId) {
        return rules(tenantId).map(rules -> rules == null ? ContentRules.NONE : rules.content());
    }

    static List<Violation> violations(AdmissionRulesUpdate update) {
        List<Violation> problems = new ArrayList<>();
        if (update.maxDagBytes() != null && update.maxDagBytes() < 0) {
            problems.add(new Violation("maxDagBytes", "must be at least 0, was " + update.maxDagBytes()));
        }
        if (update.maxDagBlocks() != null && update.maxDagBlocks() < 0) {
            problems.add(new Violation("maxDagBlocks", "must be at least 0, was " + update.maxDagBlocks()));
        }
        checkList("allowedCodecs", update.allowedCodecs(), problems, value -> {
            try {
                return Codec.named(value).name().equals(value) ? null : "is no multicodec codec name";
            } catch (RuntimeException e) {
                return "'" + value + "' is no multicodec codec name (e.g. dag-pb, raw, dag-cbor)";
            }
        });
        checkList("allowedHashFunctions", update.allowedHashFunctions(), problems,
                value -> NAME.matcher(value).matches() ? null : "'" + value + "' is no multicodec hash function name (e.g. sha2-256, blake3)");
        checkList("allowedPrefixes", update.allowedPrefixes(), problems, value -> {
            if (value.startsWith("/ipfs/")) {
                try {
                    IpfsPath.parse(value);
                    return null;
                } catch (RuntimeException e) {
                    return "'" + value + "' is no /ipfs/<cid> path (" + e.getMessage() + ")";
                }
            }
            return PREFIX.matcher(value).matches() ? null : "'" + value + "' is neither a CID prefix (1 to 128 letters and digits) nor an /ipfs/ path";
        });
        return problems;
    }

    private static void checkList(String field, List<String> values, List<Violation> problems,
                                  java.util.function.Function<String, String> problemOf) {
        if (values == null) {
            return;
        }
        if (values.isEmpty() || values.size() > MAX_LIST) {
            problems.add(new Violation(field, "must hold 1 to " + MAX_LIST + " entries (null or absent: no rule), held " + values.size()));
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String problem = value == null ? "must not be null" : problemOf.apply(value);
            if (problem != null) {
                problems.add(new Violation(field + "[" + i + "]", problem));
            }
        }
    }
}
