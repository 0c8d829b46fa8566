package io.pinfold.pin.tenant;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.runtime.access.BearerToken;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Issues, lists and revokes tenants' tokens. The token leaves this class once, in {@link IssuedToken}. */
@ApplicationScoped
public class TenantTokens {
    private final AdminChanges changes;

    public TenantTokens(AdminChanges changes) {
        this.changes = changes;
    }

    @WithSpan("token.issue")
    public Uni<IssuedToken> issue(UUID tenantId, TokenCreation creation) {
        Span.current().setAttribute("pinfold.tenant.id", tenantId.toString());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (creation.expiresAt() != null && !creation.expiresAt().isAfter(now)) {
            throw RequestRejected.badRequest("expiresAt", "must be in the future");
        }
        BearerToken token = BearerToken.generate();
        ApiToken row = new ApiToken();
        row.id = UUID.randomUUID();
        row.tenantId = tenantId;
        row.role = Roles.TENANT;
        row.tokenHash = token.hash();
        row.label = creation.label().strip();
        row.createdAt = now;
        row.expiresAt = creation.expiresAt();
        return Panache.withTransaction(() -> Tenants.require(tenantId).chain(tenant -> row.<ApiToken>persist()))
                .invoke(saved -> {
                    Span.current().setAttribute("pinfold.token.id", saved.id.toString());
                    changes.count("token.issued");
                })
                .map(saved -> new IssuedToken(saved.id, saved.tenantId, token.reveal(), saved.label, saved.createdAt, saved.expiresAt));
    }

    public Uni<List<TokenView>> list(UUID tenantId) {
        return Panache.withSession(() -> Tenants.require(tenantId)
                        .chain(tenant -> ApiToken.<ApiToken>list("tenantId = ?1 order by createdAt", tenantId)))
                .map(tokens -> tokens.stream().map(TokenView::of).toList());
    }

    /** Revoking stops the token at its next request; revoking a revoked token changes nothing. */
    @WithSpan("token.revoke")
    public Uni<TokenView> revoke(UUID tokenId) {
        Span.current().setAttribute("pinfold.token.id", tokenId.toString());
        return Panache.withTransaction(() -> ApiToken.<ApiToken>findById(tokenId).map(token -> {
                    if (token == null) {
                        throw RequestRejected.notFound("no token with id '" + tokenId + "'");
                    }
                    if (token.revokedAt == null) {
                        token.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        changes.count("token.revoked");
                    }
                    return token;
                }))
                .map(TokenView::of);
    }
}
