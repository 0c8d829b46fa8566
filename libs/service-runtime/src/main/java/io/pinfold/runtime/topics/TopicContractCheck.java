package io.pinfold.runtime.topics;

import io.pinfold.events.TopicSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Compares topics that already exist with the contract, since creating a missing topic never fixes one that
 * was made by hand or by auto-creation: the cleanup policy must be the contract's (a log topic that compacts
 * loses events; a compacted topic that deletes loses the denylist and the node registry after retention), and
 * there must be at least the contract's partitions (fewer caps the consumers a group can spread over).
 */
public final class TopicContractCheck {
    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;

    public TopicContractCheck(Admin admin) {
        this.admin = admin;
    }

    /**
     * One line per setting that breaks the contract, e.g. {@code topic pinfold.denylist: cleanup.policy is delete,
     * the contract needs compact}; empty when every topic matches.
     */
    public List<String> mismatches(Collection<TopicSpec> specs) throws Exception {
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<ConfigResource> resources = names.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        List<String> mismatches = new ArrayList<>();
        for (TopicSpec spec : specs) {
            String wantedPolicy = spec.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
            ConfigEntry policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name())).get(TopicConfig.CLEANUP_POLICY_CONFIG);
            String actualPolicy = policy == null ? null : policy.value();
            if (wantedPolicy != null && !policies(wantedPolicy).equals(policies(actualPolicy))) {
                mismatches.add("topic " + spec.name() + ": cleanup.policy is " + actualPolicy + ", the contract needs " + wantedPolicy);
            }
            int partitions = descriptions.get(spec.name()).partitions().size();
            if (partitions < spec.partitions()) {
                mismatches.add("topic " + spec.name() + ": partitions is " + partitions + ", the contract needs at least " + spec.partitions());
            }
        }
        return mismatches;
    }

    // "compact,delete" and "delete,compact" are the same policy.
    private static Set<String> policies(String value) {
        if (value == null) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(part -> !part.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
