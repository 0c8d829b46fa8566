package io.pinfold.pin.follow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** pinfold.follow.*: how follow lists are resolved, how copies share the work and what lists may ask for. */
@ConfigMapping(prefix = "pinfold.follow")
public interface FollowConfig {

    /** Whether this copy resolves follow lists on their schedules (the API works either way). */
    @WithDefault("true")
    boolean enabled();

    /** How often a copy looks for due entries. */
    @WithDefault("1s")
    Duration tick();

    /** Due entries one copy claims per tick. */
    @WithDefault("20")
    int batchSize();

    /** Resolutions one copy runs at once. */
    @WithDefault("4")
    int concurrency();

    /** How long a copy's claim on an entry lasts; a crashed copy's entries are resolved by another after it. */
    @WithDefault("2m")
    Duration leaseTtl();

    /** Deadline of one whole resolution (every IPNS and DNSLink step); must be well under lease-ttl. */
    @WithDefault("60s")
    Duration resolveTimeout();

    /** How many names one resolution may go through (/ipns/ → DNSLink → /ipns/ …) before it fails. */
    @WithDefault("32")
    int maxDepth();

    /** Wait before the first retry of a failed resolution; doubles per failure up to max-backoff, never past the list's interval. */
    @WithDefault("10s")
    Duration retryInitialBackoff();

    @WithDefault("10m")
    Duration retryMaxBackoff();

    /** The shortest interval a list may ask for. */
    @WithDefault("30s")
    Duration minInterval();

    /** Lists per tenant. */
    @WithDefault("100")
    int maxLists();

    /** Entries per list. */
    @WithDefault("100")
    int maxEntries();

    /** IPNS records a Kubo node collects from the DHT before it answers (its --dht-record-count; Kubo's default is 16). */
    @WithDefault("16")
    int ipnsRecordCount();

    /** How long a Kubo node searches the DHT for those records (its --dht-timeout); keep it under resolve-timeout. */
    @WithDefault("30s")
    Duration ipnsDhtTimeout();

    /** DNS servers for DNSLink lookups, host or host:port (default: the system's resolvers, /etc/resolv.conf). */
    Optional<List<String>> dnsServers();

    /** Deadline of one DNS query (each server tried in turn). */
    @WithDefault("5s")
    Duration dnsTimeout();
}
