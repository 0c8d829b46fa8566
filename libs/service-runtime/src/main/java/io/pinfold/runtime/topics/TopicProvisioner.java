package io.pinfold.runtime.topics;

import io.pinfold.events.Topic;
import io.pinfold.events.TopicSpec;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the Pinfold topics that are missing, with their partitions and configs (compaction for
 * nodes and denylist), so every environment gets the same topics. Idempotent, so N copies may race.
 * Retries in the background until Kafka answers; readiness stays DOWN until then.
 */
@ApplicationScoped
public class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final Map<String, Object> kafkaConfig;
    private final short replication;
    private final int partitions;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pinfold-topic-provisioner");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean provisioned;
    private volatile String lastError = "not tried yet";

    public TopicProvisioner(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                            @ConfigProperty(name = "pinfold.topics.replication-factor", defaultValue = "1") short replication,
                            @ConfigProperty(name = "pinfold.topics.partitions", defaultValue = "6") int partitions) {
        this.kafkaConfig = kafkaConfig;
        this.replication = replication;
        this.partitions = partitions;
    }

    void onStart(@Observes StartupEvent event) {
        retries.execute(this::attempt);
    }

    void onStop(@Observes ShutdownEvent event) {
        retries.shutdownNow();
    }

    public boolean provisioned() {
        return provisioned;
    }

    public String lastError() {
        return lastError;
    }

    /** The topics as this deployment creates them: the contract's specs with the configured partitions and replication. */
    public List<TopicSpec> specs() {
        List<TopicSpec> specs = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            TopicSpec spec = topic.spec().withReplicationFactor(replication);
            specs.add(topic.kind() == Topic.Kind.DEAD_LETTER ? spec : spec.withPartitions(partitions));
        }
        return specs;
    }

    private void attempt() {
        try {
            ensureTopics();
            provisioned = true;
            lastError = null;
        } catch (Exception e) {
            lastError = rootMessage(e);
            LOG.warnf("Kafka topics not provisioned yet (%s); retrying in 2 s", lastError);
            retries.schedule(this::attempt, 2, TimeUnit.SECONDS);
        }
    }

    private void ensureTopics() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get("bootstrap.servers"));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = specs().stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(TopicSpec::toNewTopic)
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                LOG.infof("created Kafka topics %s", missing.stream().map(NewTopic::name).toList());
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
                // Another copy created it first: fine.
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
