package io.pinfold.gc.bench;

import io.pinfold.testsupport.kubo.KuboNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Builds a benchmark repo fast: random files written to a temporary folder and added with the ipfs CLI against the
 * node's RPC, many files per add call (Kubo pins each file given on the command line as its own recursive pin), so a
 * 1M-block repo does not take a thousand HTTP round trips and a thousand flushes. The CLI is PINFOLD_BENCH_IPFS
 * (bench/gc/run sets it to Kubo in $PINFOLD_HOME/bin), else {@code ipfs} on the PATH.
 */
final class BulkAdd {
    private BulkAdd() {
    }

    /** Adds {@code count} files of {@code size} random bytes, pinned; answers their root CIDs in order. */
    static List<String> pinnedDags(KuboNode kubo, List<String> addFlags, long count, int size, Random random, int filesPerAdd)
            throws IOException, InterruptedException {
        String ipfs = System.getenv().getOrDefault("PINFOLD_BENCH_IPFS", "ipfs");
        String api = "/ip4/" + kubo.rpcUrl().getHost() + "/tcp/" + kubo.rpcUrl().getPort();
        Path folder = Files.createTempDirectory("gc-bench-");
        List<String> roots = new ArrayList<>();
        try {
            byte[] bytes = new byte[size];
            for (long done = 0; done < count; ) {
                int files = (int) Math.min(filesPerAdd, count - done);
                List<String> command = new ArrayList<>(List.of(ipfs, "--api", api, "add", "-q", "--pin=true"));
                command.addAll(addFlags);
                for (int i = 0; i < files; i++) {
                    random.nextBytes(bytes);
                    Path file = folder.resolve("dag-" + (done + i));
                    Files.write(file, bytes);
                    command.add(file.toString());
                }
                roots.addAll(run(command, folder.resolve("out.txt"), files));
                for (int i = 0; i < files; i++) {
                    Files.delete(folder.resolve("dag-" + (done + i)));
                }
                done += files;
            }
            return roots;
        } finally {
            try (var left = Files.list(folder)) {
                for (Path path : left.toList()) {
                    Files.deleteIfExists(path);
                }
            }
            Files.deleteIfExists(folder);
        }
    }

    private static List<String> run(List<String> command, Path out, int expected) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("ipfs add failed: " + Files.readString(out, StandardCharsets.UTF_8));
        }
        List<String> roots = Files.readAllLines(out, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
        if (roots.size() != expected) {
            throw new IllegalStateException("ipfs add answered " + roots.size() + " roots for " + expected + " files: " + roots);
        }
        return roots;
    }
}
