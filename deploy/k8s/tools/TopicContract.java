import io.pinfold.events.Topic;
import io.pinfold.events.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the topics of libs/event-contracts as JSON, one object per topic, for deploy/k8s/check.sh to
 * compare with the KafkaTopic resources. Run as a single-file program with event-contracts on the class path.
 */
public class TopicContract {
    public static void main(String[] args) {
        List<String> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            TopicSpec spec = topic.spec();
            List<String> configs = new ArrayList<>();
            for (Map.Entry<String, String> config : new TreeMap<>(spec.configs()).entrySet()) {
                configs.add(quote(config.getKey()) + ": " + quote(config.getValue()));
            }
            topics.add("{\"name\": " + quote(spec.name()) + ", \"kind\": " + quote(topic.kind().name())
                    + ", \"partitions\": " + spec.partitions() + ", \"configs\": {" + String.join(", ", configs) + "}}");
        }
        System.out.println("[\n  " + String.join(",\n  ", topics) + "\n]");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
