package io.pinfold.pin.nodepin;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The node_pin table and its entity agree: a row written through Hibernate Reactive reads back the same, status as the CHECK's word. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_test"))
class NodePinMappingTest {

    @Test
    void aNodePinRoundTripsAndStoresItsStatusAsTheContractWord() throws Throwable {
        String node = "mapping-" + UUID.randomUUID().toString().substring(0, 8);
        String pin = UUID.randomUUID().toString();
        // a real CID and its multihash, so the row means what it says should the reconciler ever read it
        io.pinfold.ipfs.cid.Cid cid = io.pinfold.ipfs.cid.Cid.parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
        String multihash = cid.multihash().toBase32();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        sql("insert into kubo_node (id, peer_id, rpc_url, gateway_url, state, registered_at, updated_at) values ('" + node
                + "', '12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf', 'http://127.0.0.1:5001', 'http://127.0.0.1:8080', 'active', now(), now())");
        sql("insert into desired_pin (pin_id, tenant, cid, multihash, requested_at) values ('" + pin
                + "', 't', '" + cid + "', '" + multihash + "', now())");

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            NodePin row = NodePin.allocate(pin, node, cid.toString(), multihash, now);
            row.status = NodePinStatus.UNPINNING;
            row.blocksFetched = 12L;
            return row.persist();
        }));
        NodePin read = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> NodePin.<NodePin>findById(new NodePin.Key(pin, node))));

        assertThat(read.status).isEqualTo(NodePinStatus.UNPINNING);
        assertThat(read.wanted).isTrue();
        assertThat(read.blocksFetched).isEqualTo(12L);
        assertThat(read.nextAttemptAt.toInstant()).isEqualTo(now.toInstant());
        assertThat(text("select status from node_pin where pin_id = '" + pin + "'")).isEqualTo("unpinning");
        assertThat(text("select status || ' ' || origins::text || ' ' || meta::text from desired_pin where pin_id = '" + pin + "'"))
                .isEqualTo("queued [] {}");
        // the reconciler runs in this app: leave no unreachable node nor its pin behind for it to move to a real node
        sql("delete from node_pin where pin_id = '" + pin + "'");
        sql("delete from desired_pin where pin_id = '" + pin + "'");
        sql("delete from kubo_node where id = '" + node + "'");
    }

    private static Connection connect() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private static String text(String query) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
