package io.pinfold.bench.denylist;

import java.util.SplittableRandom;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.MultibaseEncoding;

/**
 * The prepared lookups, the same for the library and the baseline: {@value #COUNT} CIDs (block level)
 * and as many gateway URL paths, of which {@value #HITS_PER_10000}/10000 name a blocked multihash. A hit
 * is always written in another CID encoding than its rule (CIDv0 rule → CIDv1 request, and so on), so
 * only a match by multihash finds it; half the URLs carry a path below the root.
 */
final class Requests {

    static final int COUNT = 1 << 14;
    static final int HITS_PER_10000 = 100;

    final Cid[] cids = new Cid[COUNT];
    final String[] urls = new String[COUNT];
    final int hits;

    Requests(GeneratedLists lists, boolean plain, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int hitCount = 0;
        int misses = 0;
        for (int n = 0; n < COUNT; n++) {
            boolean hit = random.nextInt(10_000) < HITS_PER_10000;
            Cid cid;
            String path = n % 2 == 0 ? "" : "/a/b%20c.html";
            if (hit) {
                int i = contentRule(random, lists.entries(), plain);
                // the plain list writes even rules as CIDv0 and odd ones as CIDv1 raw; the badbits anchor is dag-pb
                cid = i % 2 == 0 ? Cid.v1(Codec.DAG_JSON, lists.rule(i)) : Cid.v0(lists.rule(i));
                hitCount++;
            } else {
                int j = misses++;
                cid = j % 2 == 0 ? Cid.v0(lists.miss(j)) : Cid.v1(Codec.RAW, lists.miss(j));
            }
            cids[n] = cid;
            String text = cid.version() == 1 && n % 4 == 1 ? cid.toString(MultibaseEncoding.BASE36) : cid.toString();
            urls[n] = "/ipfs/" + text + path;
        }
        hits = hitCount;
    }

    /** A rule that blocks a whole CID: in the plain list not an IPNS, domain or path rule. */
    private static int contentRule(SplittableRandom random, int entries, boolean plain) {
        while (true) {
            int i = random.nextInt(entries);
            if (!plain || !(GeneratedLists.isIpnsKey(i) || GeneratedLists.isDomain(i) || GeneratedLists.isPathRule(i))) {
                return i;
            }
        }
    }
}
