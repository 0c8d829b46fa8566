package io.pinfold.denylist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;

/**
 * A denylist in memory and its matcher: {@link #match} is a pure function of the rules added so far
 * and a {@link ContentRequest}, with no I/O. Rules are added in list order; among the rules that
 * match one key the last one decides, so a negated rule lifts an earlier block or carves an
 * exception out of a wider one.
 *
 * <p>What blocks a request, checked in this order, the first blocking rule answering:
 * <ol>
 * <li>the path: rules on the root (CID by multihash, IPNS key or domain) whose path rule matches the
 *     request path, then the double hashes of root and path (legacy and modern);</li>
 * <li>the root itself: a rule on the root without a path ({@code /ipfs/CID}, {@code /ipns/NAME}) or its
 *     double hash blocks every path below it too, since nothing below can be reached without it
 *     (the spec's BlockService note; Kubo with NOpfs behaves the same);</li>
 * <li>every CID met along the way ({@link ContentRequest#along()}), as {@link #matchBlock} does.</li>
 * </ol>
 * Only the hints Pinfold acts on are kept per rule (notice, legal reason, status). One thread may
 * {@link #add} while any number of threads match, without locks; a match sees a rule once its
 * {@code add} has returned, and never a rule half-written.
 */
public final class Denylist implements DenylistSink {

    private static final int CONTENT = 1;
    private static final int IPNS_KEY = 2;
    private static final int DNSLINK = 3;
    private static final int DOUBLE_HASH = 4;
    private static final int LEGACY = 5;
    private static final int ALLOWED = -2;
    private static final byte[] ROOT = new byte[0];

    private enum Mode { PATH, ROOT_ONLY, BLOCK }

    private final RuleStore store = new RuleStore();
    /** Bit per tag: the kinds of key the list has rules for, so a lookup skips probing kinds it has none of. */
    private volatile int tags;
    /** Bit per {@link DoubleHashFunction} ordinal: the functions the list's double hashes use. */
    private volatile int functions;
    private volatile boolean legacy;

    /** Reads a whole list; the first bad line fails it. */
    public static Denylist read(InputStream in) throws IOException {
        Denylist denylist = new Denylist();
        new DenylistParser().parse(in, denylist);
        return denylist;
    }

    @Override
    public void entry(long line, DenylistEntry entry) {
        add(entry);
    }

    /** Adds a rule after all the others. Call from one thread at a time. */
    public void add(DenylistEntry entry) {
        Target target = entry.target();
        int tag;
        byte[] key;
        if (target instanceof Target.Content content) {
            tag = CONTENT;
            key = content.multihash().bytes();
        } else if (target instanceof Target.IpnsKey ipns) {
            tag = IPNS_KEY;
            key = ipns.multihash().bytes();
        } else if (target instanceof Target.Dnslink dnslink) {
            tag = DNSLINK;
            key = dnslink.domain().getBytes(StandardCharsets.US_ASCII);
        } else if (target instanceof Target.DoubleHash hash) {
            tag = DOUBLE_HASH;
            key = hash.hash().bytes();
            functions |= 1 << DoubleHashFunction.forCode(hash.hash().functionCode()).ordinal();
        } else {
            tag = LEGACY;
            key = ((Target.LegacyDoubleHash) target).sha256().bytes();
            legacy = true;
        }
        Hints hints = entry.hints();
        tags |= 1 << tag;
        store.add(tag, key, entry.allow(), entry.path(), hints.status(), hints.legalReason().orElse(null), hints.notice().orElse(null));
    }

    /** Number of rules added (a rule and its later negation count as two). */
    public int size() {
        return store.rules();
    }

    /** Bytes held by the rule store's arrays: what the list costs in memory, give or take a few objects. */
    public long footprintBytes() {
        return store.footprintBytes();
    }

    /** The rule that blocks this request at a gateway, or empty when it may be served. */
    public Optional<DenylistEntry> match(ContentRequest request) {
        Root root = root(request);
        String path = request.path();
        int found = check(root, Mode.PATH, path);
        if (found < 0 && !path.isEmpty()) {
            found = check(root, Mode.ROOT_ONLY, "");
        }
        if (found < 0) {
            for (Cid cid : request.along()) {
                found = check(root(cid), Mode.BLOCK, "");
                if (found >= 0) {
                    break;
                }
            }
        }
        return entry(found);
    }

    /** Only the exact path of the request (NOpfs's IsPathBlocked, the spec's PathResolver level). */
    public Optional<DenylistEntry> matchPath(ContentRequest request) {
        return entry(check(root(request), Mode.PATH, request.path()));
    }

    /** One block by its CID (NOpfs's IsCidBlocked, the spec's BlockService level): rules that match the empty path. */
    public Optional<DenylistEntry> matchBlock(Cid cid) {
        return entry(check(root(cid), Mode.BLOCK, ""));
    }

    /** What a request is rooted at, with the texts double hashes need made once per request, if at all. */
    private static final class Root {
        final int tag;
        final byte[] key;
        final Multihash multihash;
        final Codec codec;
        final String domain;
        private String base58;

        Root(int tag, byte[] key, Multihash multihash, Codec codec, String domain) {
            this.tag = tag;
            this.key = key;
            this.multihash = multihash;
            this.codec = codec;
            this.domain = domain;
        }

        String base58() {
            if (base58 == null) {
                base58 = Base58Text.encode(key);
            }
            return base58;
        }
    }

    private static Root root(Cid cid) {
        return new Root(CONTENT, cid.multihash().bytes(), cid.multihash(), cid.codec(), null);
    }

    private static Root root(ContentRequest request) {
        if (request.cid() != null) {
            return root(request.cid());
        }
        if (request.ipnsKey() != null) {
            return new Root(IPNS_KEY, request.ipnsKey().bytes(), request.ipnsKey(), request.ipnsCodec(), null);
        }
        return new Root(DNSLINK, request.domain().getBytes(StandardCharsets.US_ASCII), null, null, request.domain());
    }

    /** Plain rules of the root, then legacy anchors, then modern double hashes: the first that decides. */
    private int check(Root root, Mode mode, String path) {
        int found = RuleStore.NONE;
        if ((tags & 1 << root.tag) != 0) {
            found = decide(root.tag, root.key, mode, path.isEmpty() ? ROOT : path.getBytes(StandardCharsets.UTF_8));
        }
        if (found == RuleStore.NONE && legacy) {
            found = legacyAnchors(root, path);
        }
        if (found == RuleStore.NONE && functions != 0) {
            if (root.domain != null) {
                found = modern(DoubleHashes.modernDnslink(root.domain, path));
            } else {
                found = modern(path.isEmpty() ? root.base58() : root.base58() + "/" + path);
            }
        }
        return found;
    }

    private int legacyAnchors(Root root, String path) {
        if (root.domain != null) {
            return legacy(DoubleHashes.legacyDnslink(root.domain, path));
        }
        // Legacy anchors name one codec; the same bytes are served as dag-pb and raw, so both are checked. An IPNS
        // name is a libp2p-key CID, whatever codec the request wrote it with.
        Codec first = root.tag == CONTENT ? root.codec : Codec.LIBP2P_KEY;
        Codec second = root.tag == CONTENT ? Codec.DAG_PB : root.codec;
        Codec third = root.tag == CONTENT ? Codec.RAW : null;
        byte[] pathBytes = path.isEmpty() ? ROOT : path.getBytes(StandardCharsets.UTF_8);
        LegacyAnchor anchor = LegacyAnchor.get();
        int found = decide(LEGACY, anchor.key(first, root.key, pathBytes), Mode.PATH, ROOT);
        if (found == RuleStore.NONE && !second.equals(first)) {
            found = decide(LEGACY, anchor.key(second, root.key, pathBytes), Mode.PATH, ROOT);
        }
        if (found == RuleStore.NONE && third != null && !third.equals(first) && !third.equals(second)) {
            found = decide(LEGACY, anchor.key(third, root.key, pathBytes), Mode.PATH, ROOT);
        }
        return found;
    }

    private int legacy(String input) {
        return decide(LEGACY, DoubleHashFunction.SHA2_256.hash(input).bytes(), Mode.PATH, ROOT);
    }

    private int modern(String input) {
        int used = functions;
        if (used == 0) {
            return RuleStore.NONE;
        }
        for (DoubleHashFunction function : DoubleHashFunction.values()) {
            if ((used & 1 << function.ordinal()) == 0) {
                continue;
            }
            int found = decide(DOUBLE_HASH, function.hash(input).bytes(), Mode.PATH, ROOT);
            if (found != RuleStore.NONE) {
                return found;
            }
        }
        return RuleStore.NONE;
    }

    /** The newest rule of this key that matches: its record when it blocks, ALLOWED when it allows, else NONE. */
    private int decide(int tag, byte[] key, Mode mode, byte[] path) {
        for (int record = store.newest(tag, key); record != RuleStore.NONE; record = store.previous(record)) {
            int flags = store.flags(record);
            boolean prefix = (flags & RuleStore.FLAG_PREFIX) != 0;
            boolean matches = switch (mode) {
                case PATH, BLOCK -> store.pathMatches(record, path, prefix);
                case ROOT_ONLY -> !prefix && store.pathMatches(record, ROOT, false);
            };
            if (matches) {
                return (flags & RuleStore.FLAG_ALLOW) != 0 ? ALLOWED : record;
            }
        }
        return RuleStore.NONE;
    }

    private Optional<DenylistEntry> entry(int record) {
        if (record < 0) {
            return Optional.empty();
        }
        byte[] key = store.key(record);
        Target target = switch (store.tag(record)) {
            case CONTENT -> new Target.Content(Multihash.fromBytes(key));
            case IPNS_KEY -> new Target.IpnsKey(Multihash.fromBytes(key));
            case DNSLINK -> new Target.Dnslink(new String(key, StandardCharsets.US_ASCII));
            case DOUBLE_HASH -> new Target.DoubleHash(Multihash.fromBytes(key));
            default -> new Target.LegacyDoubleHash(Multihash.fromBytes(key));
        };
        String path = store.path(record);
        boolean prefix = (store.flags(record) & RuleStore.FLAG_PREFIX) != 0;
        String reason = store.legalReason(record);
        int status = store.status(record);
        int derived = reason != null ? Hints.UNAVAILABLE_FOR_LEGAL_REASONS : Hints.GONE;
        Hints hints = Hints.of(store.notice(record), reason, status == derived ? null : status);
        return Optional.of(new DenylistEntry(false, target, new PathRule(path, prefix), hints));
    }
}
