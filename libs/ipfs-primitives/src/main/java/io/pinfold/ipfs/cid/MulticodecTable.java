package io.pinfold.ipfs.cid;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import com.apicatalog.multicodec.Multicodec;
import com.apicatalog.multicodec.Multicodec.Tag;
import com.apicatalog.multicodec.codec.MulticodecRegistry;

/**
 * Names of multicodec codes, from the multiformats table. copper-multicodec carries every tag of
 * the table except "ipld" (dag-pb, raw, dag-cbor...), so that tag is listed here.
 */
final class MulticodecTable {

    // The "ipld" rows of multiformats/multicodec table.csv (April 2026).
    private static final Object[][] IPLD = {
            { 0x51L, "cbor" }, { 0x55L, "raw" }, { 0x70L, "dag-pb" }, { 0x71L, "dag-cbor" }, { 0x72L, "libp2p-key" },
            { 0x78L, "git-raw" }, { 0x7bL, "torrent-info" }, { 0x7cL, "torrent-file" }, { 0x80L, "blake3-hashseq" },
            { 0x81L, "leofcoin-block" }, { 0x82L, "leofcoin-tx" }, { 0x83L, "leofcoin-pr" }, { 0x85L, "dag-jose" },
            { 0x86L, "dag-cose" }, { 0x90L, "eth-block" }, { 0x91L, "eth-block-list" }, { 0x92L, "eth-tx-trie" },
            { 0x93L, "eth-tx" }, { 0x94L, "eth-tx-receipt-trie" }, { 0x95L, "eth-tx-receipt" }, { 0x96L, "eth-state-trie" },
            { 0x97L, "eth-account-snapshot" }, { 0x98L, "eth-storage-trie" }, { 0x99L, "eth-receipt-log-trie" },
            { 0x9aL, "eth-receipt-log" }, { 0xb0L, "bitcoin-block" }, { 0xb1L, "bitcoin-tx" },
            { 0xb2L, "bitcoin-witness-commitment" }, { 0xc0L, "zcash-block" }, { 0xc1L, "zcash-tx" },
            { 0xd0L, "stellar-block" }, { 0xd1L, "stellar-tx" }, { 0xe0L, "decred-block" }, { 0xe1L, "decred-tx" },
            { 0xf0L, "dash-block" }, { 0xf1L, "dash-tx" }, { 0xfaL, "swarm-manifest" }, { 0xfbL, "swarm-feed" },
            { 0xfcL, "beeson" }, { 0x0129L, "dag-json" }, { 0x01f0L, "swhid-1-snp" }, { 0x0200L, "json" },
            { 0xb403L, "rdfc-1" }, { 0xb601L, "json-jcs" },
    };

    private static final Map<Long, String> IPLD_NAMES = new HashMap<>();
    private static final Map<String, Long> CODES_BY_NAME = new HashMap<>();
    private static final MulticodecRegistry ALL = MulticodecRegistry.getInstance();
    private static final MulticodecRegistry HASHES = MulticodecRegistry.getInstance(Tag.Multihash, Tag.Hash);

    static {
        for (Object[] row : IPLD) {
            IPLD_NAMES.put((Long) row[0], (String) row[1]);
            CODES_BY_NAME.put((String) row[1], (Long) row[0]);
        }
        for (Multicodec codec : ALL.codecs().values()) {
            CODES_BY_NAME.putIfAbsent(codec.name(), codec.code());
        }
    }

    private MulticodecTable() {
    }

    /** Name of a content codec, or null when the table has no such code. */
    static String codecName(long code) {
        String ipld = IPLD_NAMES.get(code);
        return ipld != null ? ipld : ALL.getCodec(code).map(Multicodec::name).orElse(null);
    }

    /** Name of a hash function, or null when the table has no such code. */
    static String hashName(long code) {
        return HASHES.getCodec(code).map(Multicodec::name).orElse(null);
    }

    static OptionalLong codeOf(String name) {
        Long code = CODES_BY_NAME.get(name);
        return code == null ? OptionalLong.empty() : OptionalLong.of(code);
    }

    /** How unknown codes are shown: hexadecimal, as in the multicodec table. */
    static String hex(long code) {
        return "0x" + Long.toHexString(code);
    }
}
