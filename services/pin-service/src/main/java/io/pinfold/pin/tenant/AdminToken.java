package io.pinfold.pin.tenant;

import io.pinfold.runtime.access.BearerToken;
import io.pinfold.runtime.access.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Makes sure an operator can reach the admin API. With pinfold.admin.token set, its hash is stored at start (a
 * changed token replaces the previous one); without, the first copy to start with no operator token generates one
 * and writes it to pinfold.admin.token-file (mode 600). Copies starting together serialise on an advisory lock,
 * so only one of them generates. The token is never logged, only the file's path.
 */
@ApplicationScoped
public class AdminToken {
    static final String CONFIGURED_LABEL = "admin token (pinfold.admin.token)";
    static final String GENERATED_LABEL = "admin token (generated)";
    private static final Logger LOG = Logger.getLogger(AdminToken.class);
    /** Advisory lock key, "pfadmin" in ASCII: serialises admin-token set-up across copies of pin-service. */
    private static final long LOCK = 0x7066_6164_6d69_6EL;
    private static final int MIN_CONFIGURED_LENGTH = 20;

    private final AdminConfig config;

    public AdminToken(AdminConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::ensure);
    }

    /** Idempotent: safe on every start of every copy. */
    public Uni<Void> ensure() {
        return Panache.withTransaction(() -> lock().chain(locked -> config.token()
                .map(this::storeConfigured)
                .orElseGet(this::generateIfNone)));
    }

    private Uni<Void> storeConfigured(String text) {
        if (text.strip().length() < MIN_CONFIGURED_LENGTH) {
            throw new IllegalArgumentException("pinfold.admin.token (PINFOLD_PIN_ADMIN_TOKEN): must be at least "
                    + MIN_CONFIGURED_LENGTH + " characters; generate one with: echo pf_$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')");
        }
        BearerToken token = BearerToken.of(text.strip());
        return ApiToken.<ApiToken>find("tokenHash", token.hash()).firstResult().chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            return ApiToken.update("revokedAt = ?1 where label = ?2 and revokedAt is null", now, CONFIGURED_LABEL)
                    .chain(replaced -> {
                        LOG.infof("stored the configured admin token (pinfold.admin.token)%s",
                                replaced > 0 ? "; the previously configured one is revoked" : "");
                        return operatorToken(token, CONFIGURED_LABEL, now).persist();
                    })
                    .replaceWithVoid();
        });
    }

    private Uni<Void> generateIfNone() {
        Path file = config.tokenFile().toAbsolutePath();
        return ApiToken.count("role = ?1 and revokedAt is null", Roles.OPERATOR).chain(operators -> {
            if (operators > 0) {
                LOG.debugf("an operator token exists; no admin token generated (a generated one is in %s)", file);
                return Uni.createFrom().voidItem();
            }
            BearerToken token = BearerToken.generate();
            // Written before the row commits: a failed write rolls the row back, so no token exists that nobody has.
            write(file, token);
            LOG.infof("generated the admin token and wrote it to %s (mode 600); send it as 'Authorization: Bearer <token>' to /admin and /nodes", file);
            return operatorToken(token, GENERATED_LABEL, OffsetDateTime.now(ZoneOffset.UTC)).persist().replaceWithVoid();
        });
    }

    private static Uni<Object> lock() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select 1 from pg_advisory_xact_lock(" + LOCK + ")")
                .getSingleResult());
    }

    private static ApiToken operatorToken(BearerToken token, String label, OffsetDateTime now) {
        ApiToken row = new ApiToken();
        row.id = UUID.randomUUID();
        row.role = Roles.OPERATOR;
        row.tokenHash = token.hash();
        row.label = label;
        row.createdAt = now;
        return row;
    }

    /** Replaces the file atomically; it is created with mode 600, so the token is never readable by others. */
    static void write(Path file, BearerToken token) {
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".pin-service-admin-token", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, token.reveal() + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("pinfold.admin.token-file: cannot write the generated admin token to " + file + ": " + e.getMessage(), e);
        }
    }
}
