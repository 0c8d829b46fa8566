package io.pinfold.pin.tenant;

import static io.pinfold.pin.tenant.AdminAccess.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** No admin token configured: the first start generates one into a mode-600 file; later starts leave it be. */
@QuarkusTest
@TestProfile(GeneratedAdminTokenTest.NoConfiguredToken.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_admin_token_test"))
class GeneratedAdminTokenTest {
    static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "pinfold-admin-token-test-" + ProcessHandle.current().pid(), "admin-token");
    private static final int COPIES = 8;
    private static final int ROUNDS = 5;

    public static class NoConfiguredToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Both keys: the %test value of application.properties would otherwise still apply. Empty means unset.
            return Map.of("pinfold.admin.token", "", "%test.pinfold.admin.token", "", "pinfold.admin.token-file", FILE.toString());
        }
    }

    @Inject
    AdminToken adminToken;

    @Test
    void theGeneratedTokenIsWrittenOnlyForItsOwnerAndWorks() throws Exception {
        assertThat(Files.getPosixFilePermissions(FILE)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String token = Files.readString(FILE).strip();
        assertThat(token).matches("pf_[A-Za-z0-9_-]{43}");
        bearer(token).get("/admin/tenants").then().statusCode(200);
        bearer(token).get("/nodes").then().statusCode(200);
    }

    @Test
    void aLaterStartKeepsTheTokenItFinds() throws Throwable {
        String before = Files.readString(FILE);
        List<String> operatorsBefore = activeOperatorTokens();
        startCopies();
        assertThat(Files.readString(FILE)).isEqualTo(before);
        assertThat(activeOperatorTokens()).isEqualTo(operatorsBefore).hasSize(1);
        bearer(before.strip()).get("/admin/tenants").then().statusCode(200);
    }

    @Test
    void copiesStartingTogetherWithNoOperatorTokenGenerateExactlyOne() throws Throwable {
        for (int round = 0; round < ROUNDS; round++) {
            Database.update("update api_token set revoked_at = now() where role = 'operator' and revoked_at is null");
            startCopies();
            assertThat(activeOperatorTokens()).as("active operator tokens after %d copies started together (round %d)", COPIES, round).hasSize(1);
            bearer(Files.readString(FILE).strip()).get("/admin/tenants").then().statusCode(200);
        }
    }

    /** Runs the start-up step of {@code COPIES} copies of the service at once. */
    private void startCopies() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(COPIES);
        try {
            List<Callable<Void>> starts = new ArrayList<>();
            for (int i = 0; i < COPIES; i++) {
                starts.add(() -> {
                    try {
                        return VertxContextSupport.subscribeAndAwait(() -> adminToken.ensure());
                    } catch (Throwable failure) {
                        throw new IllegalStateException("a copy failed to set up the admin token", failure);
                    }
                });
            }
            for (Future<Void> start : pool.invokeAll(starts)) {
                start.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<String> activeOperatorTokens() throws Exception {
        return Database.column("select id from api_token where role = 'operator' and revoked_at is null order by id");
    }
}
