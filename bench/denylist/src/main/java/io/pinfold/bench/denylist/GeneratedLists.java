package io.pinfold.bench.denylist;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.DoubleHashes;
import io.pinfold.denylist.Hints;
import io.pinfold.denylist.PathRule;
import io.pinfold.denylist.Target;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.MultibaseEncoding;
import io.pinfold.ipfs.cid.Multihash;

/**
 * The two lists the benchmark reads, generated from a seed so every run (and every JMH fork) sees the
 * same bytes without keeping a 1M-entry table in memory: rule i's multihash is sha2-256 of
 * {@code "<seed>:rule:<i>"}, a miss's is sha2-256 of {@code "<seed>:miss:<j>"}, so a request set can be
 * rebuilt from the seed alone.
 * <ul>
 * <li>{@code plain.deny}: {@code /ipfs/<CIDv0>} and {@code /ipfs/<CIDv1 base32>} root rules, 5% path rules
 * {@code /ipfs/<cid>/docs/<i>.html}, 1% {@code /ipns/<peer id>} and 1% {@code /ipns/<domain>}.</li>
 * <li>{@code double.deny}: the badbits shape, every line {@code //<hex sha256>} of
 * {@code <CIDv1 dag-pb base32>/} (the legacy anchor NOpfs reads from badbits).</li>
 * </ul>
 */
final class GeneratedLists {

    static final String PLAIN = "plain.deny";
    static final String DOUBLE = "double.deny";

    private final long seed;
    private final int entries;
    private final MessageDigest sha256;

    GeneratedLists(long seed, int entries) {
        this.seed = seed;
        this.entries = entries;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    int entries() {
        return entries;
    }

    /** The multihash blocked by rule i. */
    Multihash rule(int i) {
        return digest("rule", i);
    }

    /** A multihash no rule names. */
    Multihash miss(int j) {
        return digest("miss", j);
    }

    /** What rule i of the plain list is: a root content rule unless one of these. */
    static boolean isIpnsKey(int i) {
        return i % 100 == 0;
    }

    static boolean isDomain(int i) {
        return i % 100 == 1;
    }

    static boolean isPathRule(int i) {
        return i % 20 == 2;
    }

    static String domain(int i) {
        return "site" + i + ".example.org";
    }

    static String path(int i) {
        return "docs/" + i + ".html";
    }

    /** The plain list's line for rule i. */
    String plainLine(int i) {
        Multihash multihash = rule(i);
        if (isIpnsKey(i)) {
            return "/ipns/" + multihash.toBase58();
        }
        if (isDomain(i)) {
            return "/ipns/" + domain(i);
        }
        if (isPathRule(i)) {
            return "/ipfs/" + Cid.v1(Codec.DAG_PB, multihash) + "/" + path(i);
        }
        return "/ipfs/" + (i % 2 == 0 ? Cid.v0(multihash).toString() : Cid.v1(Codec.RAW, multihash).toString(MultibaseEncoding.BASE32));
    }

    /** The double-hashed (badbits) list's line for rule i. */
    String doubleLine(int i) {
        return DoubleHashes.hideLegacy(DenylistEntry.block(new Target.Content(rule(i)), PathRule.ROOT, Hints.NONE), Codec.DAG_PB).rule();
    }

    /** Writes both lists into dir unless they are there already (same seed and size: same bytes). */
    Path ensure(Path dir) {
        try {
            Files.createDirectories(dir);
            write(dir.resolve(PLAIN), false);
            write(dir.resolve(DOUBLE), true);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Path file, boolean hidden) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            out.write("version: 1\nname: pinfold bench " + (hidden ? "double-hashed" : "plain") + " list, seed " + seed + "\n---\n");
            for (int i = 0; i < entries; i++) {
                out.write(hidden ? doubleLine(i) : plainLine(i));
                out.write('\n');
            }
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private Multihash digest(String kind, int i) {
        byte[] digest = sha256.digest((seed + ":" + kind + ":" + i).getBytes(StandardCharsets.US_ASCII));
        return Multihash.of(0x12, digest);
    }
}
