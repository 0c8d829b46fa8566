package io.pinfold.pin.desired;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.InvalidCidException;
import io.pinfold.ipfs.cid.Multihash;
import java.net.IDN;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks an origin multiaddr in its text form as the Pinning Service API wants it: known protocols with well-formed
 * values, ending in {@code /p2p/<peer id>} ("all multiaddrs MUST end with /p2p/{peerID}"). Written here because the
 * Java multiaddr library is not on Maven Central and we only need the check, not the binary form.
 */
public final class OriginAddress {
    static final int MAX_LENGTH = 1024;

    private enum Value { NONE, IP4, IP6, HOST, PORT, PEER, TEXT }

    private static final Map<String, Value> PROTOCOLS = Map.ofEntries(
            Map.entry("ip4", Value.IP4), Map.entry("ip6", Value.IP6), Map.entry("ip6zone", Value.TEXT),
            Map.entry("dns", Value.HOST), Map.entry("dns4", Value.HOST), Map.entry("dns6", Value.HOST),
            Map.entry("dnsaddr", Value.HOST), Map.entry("sni", Value.HOST),
            Map.entry("tcp", Value.PORT), Map.entry("udp", Value.PORT), Map.entry("sctp", Value.PORT), Map.entry("dccp", Value.PORT),
            Map.entry("p2p", Value.PEER), Map.entry("ipfs", Value.PEER), Map.entry("certhash", Value.TEXT),
            Map.entry("quic", Value.NONE), Map.entry("quic-v1", Value.NONE), Map.entry("webtransport", Value.NONE),
            Map.entry("ws", Value.NONE), Map.entry("wss", Value.NONE), Map.entry("tls", Value.NONE), Map.entry("noise", Value.NONE),
            Map.entry("http", Value.NONE), Map.entry("https", Value.NONE), Map.entry("p2p-circuit", Value.NONE),
            Map.entry("webrtc", Value.NONE), Map.entry("webrtc-direct", Value.NONE), Map.entry("utp", Value.NONE),
            Map.entry("udt", Value.NONE));
    private static final Pattern IP4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IP6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    private OriginAddress() {
    }

    /** What is wrong with {@code text} as an origin, or empty when it is a good one. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("must be a multiaddr, was empty");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters, was " + text.length());
        }
        if (!text.startsWith("/")) {
            return Optional.of("not a multiaddr '" + text + "': must start with '/'");
        }
        String[] parts = text.substring(1).split("/", -1);
        String last = null;
        int i = 0;
        while (i < parts.length) {
            String protocol = parts[i];
            Value kind = PROTOCOLS.get(protocol);
            if (kind == null) {
                return Optional.of("not a multiaddr '" + text + "': unknown protocol '" + protocol + "'");
            }
            i++;
            if (kind != Value.NONE) {
                if (i >= parts.length || parts[i].isEmpty()) {
                    return Optional.of("not a multiaddr '" + text + "': /" + protocol + " needs a value");
                }
                Optional<String> bad = checkValue(kind, parts[i]);
                if (bad.isPresent()) {
                    return Optional.of("not a multiaddr '" + text + "': /" + protocol + "/" + parts[i] + " " + bad.get());
                }
                i++;
            }
            last = protocol;
        }
        if (!"p2p".equals(last) && !"ipfs".equals(last)) {
            return Optional.of("'" + text + "' must end with /p2p/<peer id>");
        }
        return Optional.empty();
    }

    private static Optional<String> checkValue(Value kind, String value) {
        return switch (kind) {
            case IP4 -> IP4.matcher(value).matches() ? Optional.empty() : Optional.of("is not an IPv4 address");
            case IP6 -> IP6.matcher(value).matches() && value.contains(":") ? Optional.empty() : Optional.of("is not an IPv6 address");
            case HOST -> value.length() <= 253 && HOST.matcher(IDN.toASCII(value, IDN.ALLOW_UNASSIGNED)).matches()
                    ? Optional.empty() : Optional.of("is not a host name");
            case PORT -> port(value);
            case PEER -> peer(value);
            case TEXT, NONE -> Optional.empty();
        };
    }

    private static Optional<String> port(String value) {
        if (!value.matches("\\d{1,5}") || Integer.parseInt(value) > 65535) {
            return Optional.of("is not a port (0-65535)");
        }
        return Optional.empty();
    }

    /** A peer id: a base58btc multihash (Qm…, 12D3Koo…) or a CIDv1 with the libp2p-key codec. */
    private static Optional<String> peer(String value) {
        try {
            if (value.startsWith("Qm") || value.startsWith("1")) {
                Multihash.parse(value);
                return Optional.empty();
            }
            Cid cid = Cid.parse(value);
            return Codec.LIBP2P_KEY.equals(cid.codec()) ? Optional.empty() : Optional.of("is not a peer id (a CID, but not a libp2p-key)");
        } catch (InvalidCidException | IllegalArgumentException e) {
            return Optional.of("is not a peer id");
        }
    }
}
