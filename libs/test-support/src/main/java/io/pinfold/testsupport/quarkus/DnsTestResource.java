package io.pinfold.testsupport.quarkus;

import io.pinfold.testsupport.dns.DnsServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points pin-service's DNSLink lookups (pinfold.follow.dns-servers) at the shared real test DNS server ({@link DnsServer}). */
public class DnsTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String DNS_SERVERS_PROPERTY = "pinfold.follow.dns-servers";

    @Override
    public Map<String, String> start() {
        return Map.of(DNS_SERVERS_PROPERTY, DnsServer.shared().address());
    }

    @Override
    public void stop() {
        // shared with the other test classes of this JVM
    }
}
