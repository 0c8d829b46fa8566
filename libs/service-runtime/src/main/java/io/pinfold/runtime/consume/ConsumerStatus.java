package io.pinfold.runtime.consume;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** What each consuming channel is doing now: which record, if any, it has been retrying and since when. */
@ApplicationScoped
public class ConsumerStatus {

    /** A record that failed at least once and is waiting for its next attempt. */
    public record Retrying(RecordPosition position, Instant since, int attempts, String lastError) {

        public Duration age(Instant now) {
            return Duration.between(since, now);
        }
    }

    private final Map<String, Retrying> retrying = new ConcurrentHashMap<>();
    private final Map<String, Boolean> channels = new ConcurrentHashMap<>();

    void seen(String channel) {
        channels.putIfAbsent(channel, Boolean.TRUE);
    }

    void retrying(String channel, Retrying record) {
        retrying.put(channel, record);
    }

    void settled(String channel) {
        retrying.remove(channel);
    }

    public Optional<Retrying> retrying(String channel) {
        return Optional.ofNullable(retrying.get(channel));
    }

    /** Every channel that has delivered at least one record, with its retrying record if any. */
    public Map<String, Optional<Retrying>> channels() {
        Map<String, Optional<Retrying>> all = new TreeMap<>();
        channels.keySet().forEach(channel -> all.put(channel, retrying(channel)));
        return all;
    }
}
