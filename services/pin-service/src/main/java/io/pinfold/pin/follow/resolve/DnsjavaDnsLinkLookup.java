package io.pinfold.pin.follow.resolve;

import io.pinfold.pin.follow.FollowConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNSLink through dnsjava: a TXT query for {@code _dnslink.<domain>} sent to the configured servers
 * (pinfold.follow.dns-servers) or, by default, to the system's (/etc/resolv.conf, read by dnsjava). dnsjava rather
 * than the JDK's JNDI DNS or Vert.x's DNS client: it reads the system configuration on every platform, retries over
 * TCP when an answer is truncated, queries asynchronously with a deadline per server, and gives TXT records as their
 * character strings (a long dnslink= value may be split across several).
 */
@ApplicationScoped
public class DnsjavaDnsLinkLookup implements DnsLinkLookup {
    private static final String PREFIX = "dnslink=";
    private final Resolver resolver;

    public DnsjavaDnsLinkLookup(FollowConfig config) {
        this.resolver = resolver(config.dnsServers());
        resolver.setTimeout(config.dnsTimeout());
    }

    @Override
    public Uni<String> lookup(String domain) {
        Name name;
        try {
            name = Name.fromString("_dnslink." + domain + ".");
        } catch (TextParseException e) {
            return Uni.createFrom().failure(new ResolutionFailedException("dnslink " + domain + ": not a DNS name"));
        }
        Message query = Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN));
        // dnsjava completes on its own I/O thread: continue on the caller's Vert.x context, if it has one.
        Context caller = Vertx.currentContext();
        Executor back = caller == null ? Runnable::run : command -> caller.runOnContext(ignored -> command.run());
        return Uni.createFrom().completionStage(() -> resolver.sendAsync(query))
                .emitOn(back)
                .onFailure().transform(failure -> new ResolutionFailedException("dnslink " + domain + ": DNS query for "
                        + name + " failed (" + describe(failure) + ")", failure))
                .map(answer -> value(domain, name, answer));
    }

    /** The dnslink= value; several are sorted and the first taken, as the DNSLink specification says. */
    static String value(String domain, Name name, Message answer) {
        int rcode = answer.getRcode();
        if (rcode != Rcode.NOERROR) {
            throw new ResolutionFailedException("dnslink " + domain + ": the DNS answered " + Rcode.string(rcode) + " for " + name);
        }
        List<String> values = new ArrayList<>();
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt) {
                String text = String.join("", txt.getStrings());
                if (text.startsWith(PREFIX)) {
                    values.add(text.substring(PREFIX.length()).strip());
                }
            }
        }
        if (values.isEmpty()) {
            throw new ResolutionFailedException("dnslink " + domain + ": no TXT record 'dnslink=…' at " + name);
        }
        values.sort(String::compareTo);
        return values.get(0);
    }

    private static Resolver resolver(Optional<List<String>> servers) {
        if (servers.isEmpty() || servers.get().isEmpty()) {
            return new ExtendedResolver();
        }
        List<Resolver> each = new ArrayList<>();
        for (String server : servers.get()) {
            each.add(new SimpleResolver(address(server.strip())));
        }
        return new ExtendedResolver(each);
    }

    static InetSocketAddress address(String server) {
        int colon = server.lastIndexOf(':');
        if (colon > 0 && server.indexOf(':') == colon) {
            return new InetSocketAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)));
        }
        return new InetSocketAddress(server.startsWith("[") ? server.substring(1, server.length() - 1) : server, 53);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null && failure.getMessage() == null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
