import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes one io.pinfold.node.registered CloudEvent (Kafka binary mode, as libs/event-contracts documents it) on
 * pinfold.nodes, so a gateway-edge started by the harness routes to the harness's own Kubo node. Run as a single-file
 * program on the Kafka broker's classpath (kafka-clients), because the broker classpath has no console producer
 * that writes headers.
 *
 * <p>Usage: java -cp $(cat libs/kafka-broker/target/broker.classpath) RegisterNode.java BOOTSTRAP NODE_ID PEER_ID
 * RPC_URL GATEWAY_URL
 */
public class RegisterNode {
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: RegisterNode BOOTSTRAP NODE_ID PEER_ID RPC_URL GATEWAY_URL");
            System.exit(2);
        }
        String bootstrap = args[0], nodeId = args[1], peerId = args[2], rpcUrl = args[3], gatewayUrl = args[4];
        String data = "{\"nodeId\":\"" + nodeId + "\",\"peerId\":\"" + peerId + "\",\"rpcUrl\":\"" + rpcUrl
                + "\",\"gatewayUrl\":\"" + gatewayUrl + "\",\"kuboVersion\":\"0.43.1\",\"state\":\"active\"}";
        List<Header> headers = List.of(
                header("ce_specversion", "1.0"),
                header("ce_id", UUID.randomUUID().toString()),
                header("ce_source", "/pinfold/gateway-conformance"),
                header("ce_type", "io.pinfold.node.registered"),
                header("ce_time", Instant.now().toString()),
                header("ce_subject", nodeId),
                header("content-type", "application/json"));
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("pinfold.nodes", null, nodeId, data.getBytes(StandardCharsets.UTF_8),
                    headers)).get();
        }
        System.out.println("node.registered " + nodeId + " " + gatewayUrl);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
