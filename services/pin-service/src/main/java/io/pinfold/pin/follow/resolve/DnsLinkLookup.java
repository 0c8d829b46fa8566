package io.pinfold.pin.follow.resolve;

import io.smallrye.mutiny.Uni;

/** Where a DNSLink domain points: the value of its {@code _dnslink.<domain>} TXT record. */
public interface DnsLinkLookup {

    /**
     * @return the path of the domain's {@code dnslink=} record, e.g. {@code /ipfs/bafy…} or {@code /ipns/k51…};
     *         fails with {@link ResolutionFailedException} when there is none or the DNS cannot answer
     */
    Uni<String> lookup(String domain);
}
