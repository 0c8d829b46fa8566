package io.pinfold.denylist;

import java.util.Map;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Multihash;

/**
 * Empty blocks and directories that no list may block: every site with an empty folder holds them,
 * so blocking one breaks unrelated content (NOpfs ignores them for the same reason).
 */
final class SafeContent {

    private static final Map<Multihash, String> SAFE = Map.of(
            mh("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn"), "the empty UnixFS directory",
            mh("bafyaabakaieac"), "the empty UnixFS directory (inlined)",
            mh("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"), "the empty block",
            mh("bafkqaaa"), "the empty block (inlined)",
            mh("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH"), "the empty dag-pb block",
            mh("bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua"), "the empty dag-cbor block",
            mh("baguqeeraiqjw7i2vwntyuekgvulpp2det2kpwt6cd7tx5ayqybqpmhfk76fa"), "the empty dag-json block");

    private SafeContent() {
    }

    private static Multihash mh(String cid) {
        return Cid.parse(cid).multihash();
    }

    /** What the content is when it must never be blocked, else null. */
    static String describe(Multihash multihash) {
        return SAFE.get(multihash);
    }
}
