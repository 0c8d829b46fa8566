package io.pinfold.takedown.access;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.runtime.access.BearerToken;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.RequestRejected;
import io.pinfold.takedown.audit.AuditAction;
import io.pinfold.takedown.audit.AuditEntry;
import io.pinfold.takedown.audit.AuditTrail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Issues, lists and revokes reviewer tokens; each issue and revocation is in the audit trail, in its transaction. */
@ApplicationScoped
public class AccessTokens {
    private final AuditTrail audit;

    public AccessTokens(AuditTrail audit) {
        this.audit = audit;
    }

    @WithSpan("token.issue")
    public Uni<IssuedToken> issue(TokenIssue issue, Actor actor) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (issue.expiresAt() != null && !issue.expiresAt().isAfter(now)) {
            throw RequestRejected.badRequest("expiresAt", "must be in the future");
        }
        BearerToken token = BearerToken.generate();
        AccessToken row = new AccessToken();
        row.id = UUID.randomUUID();
        row.role = issue.role() == null ? Roles.REVIEWER : issue.role();
        row.tokenHash = token.hash();
        row.label = issue.label().strip();
        row.createdAt = now;
        row.createdBy = actor.name();
        row.expiresAt = issue.expiresAt();
        Span.current().setAttribute("pinfold.token.id", row.id.toString());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("role", row.role);
        details.put("label", row.label);
        details.put("expiresAt", row.expiresAt == null ? null : row.expiresAt.toString());
        return Panache.withTransaction(() -> row.<AccessToken>persist()
                        .call(saved -> audit.append(new AuditEntry(actor.name(), AuditAction.TOKEN_ISSUED, "token:" + saved.id,
                                "issued a " + saved.role + " token", details))))
                .map(saved -> new IssuedToken(saved.id, saved.role, token.reveal(), saved.label, saved.createdAt, saved.expiresAt));
    }

    public Uni<List<TokenView>> list() {
        return Panache.withSession(() -> AccessToken.<AccessToken>list("order by createdAt, id"))
                .map(tokens -> tokens.stream().map(TokenView::of).toList());
    }

    /** Revoking stops the token at its next request; revoking a revoked token changes nothing and records nothing. */
    @WithSpan("token.revoke")
    public Uni<TokenView> revoke(UUID id, Actor actor) {
        return Panache.withTransaction(() -> AccessToken.<AccessToken>findById(id).chain(token -> {
            if (token == null) {
                return Uni.createFrom().failure(RequestRejected.notFound("no token with id '" + id + "'"));
            }
            if (token.revokedAt != null) {
                return Uni.createFrom().item(token);
            }
            token.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return audit.append(new AuditEntry(actor.name(), AuditAction.TOKEN_REVOKED, "token:" + id,
                    "revoked a " + token.role + " token", Map.of("label", token.label))).replaceWith(token);
        })).map(TokenView::of);
    }
}
