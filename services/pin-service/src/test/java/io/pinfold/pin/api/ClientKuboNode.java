package io.pinfold.pin.api;

import io.pinfold.testsupport.stack.FreePorts;
import io.pinfold.testsupport.stack.LocalPart;
import io.pinfold.testsupport.stack.StackSetting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Kubo node outside the service, as a user runs one: started with deploy/local/parts/kubo.sh in a state folder of
 * its own (so it is not peered with the service's nodes) on free loopback ports, and driven with the {@code ipfs} CLI
 * itself ({@code IPFS_PATH} its repo, {@code --api} its RPC address), stopped when the JVM exits.
 */
final class ClientKuboNode {
    private final LocalPart part;
    private final Path repo;
    private final String api;
    private final Path ipfs;

    private ClientKuboNode(LocalPart part, Path repo, String api, Path ipfs) {
        this.part = part;
        this.repo = repo;
        this.api = api;
        this.ipfs = ipfs;
    }

    static ClientKuboNode start() {
        List<Integer> bases = FreePorts.takeBases(3, 1);
        LocalPart part = LocalPart.inTemporaryState("kubo", Map.of(
                "PINFOLD_KUBO_RPC_PORT_BASE", Integer.toString(bases.get(0)),
                "PINFOLD_KUBO_GATEWAY_PORT_BASE", Integer.toString(bases.get(1)),
                "PINFOLD_KUBO_SWARM_PORT_BASE", Integer.toString(bases.get(2))));
        part.start("1");
        Path home = Path.of(StackSetting.orDefault("PINFOLD_HOME", System.getProperty("user.home") + "/.cache/pinfold"));
        return new ClientKuboNode(part, part.stateDir().resolve("data/kubo-1"), "/ip4/127.0.0.1/tcp/" + (bases.get(0) + 1),
                home.resolve("bin/ipfs"));
    }

    /** {@code ipfs --api=<this node> <arguments>}; fails with the command's output unless it exits 0. */
    String ipfs(Duration timeout, String... arguments) {
        Result result = tryIpfs(timeout, arguments);
        if (result.exitCode() != 0) {
            throw new AssertionError("ipfs " + String.join(" ", arguments) + " exited " + result.exitCode() + ": " + result.output());
        }
        return result.output();
    }

    /** {@code ipfs --api=<this node> <arguments>}, whatever its exit code. */
    Result tryIpfs(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ipfs.toString(), "--api=" + api));
        command.addAll(List.of(arguments));
        return run(command, timeout);
    }

    /** The CLI aimed at another node's RPC API, e.g. to ask a service node what it pins. */
    Result ipfsAt(String rpcUrl, Duration timeout, String... arguments) {
        java.net.URI uri = java.net.URI.create(rpcUrl);
        List<String> command = new ArrayList<>(List.of(ipfs.toString(), "--api=/ip4/" + uri.getHost() + "/tcp/" + uri.getPort()));
        command.addAll(List.of(arguments));
        return run(command, timeout);
    }

    private Result run(List<String> command, Duration timeout) {
        try {
            Path output = Files.createTempFile("ipfs-cli-", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                builder.environment().put("IPFS_PATH", repo.toString());
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(String.join(" ", command.subList(1, command.size())) + " did not finish within " + timeout
                            + ": " + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code bytes} to a file and adds it (CIDv1, raw leaves, 256 KiB chunks); answers its CID. */
    String add(byte[] bytes) {
        try {
            Path file = Files.createTempFile(part.stateDir(), "content-", ".bin");
            Files.write(file, bytes);
            return ipfs(Duration.ofSeconds(60), "add", "-Q", "--cid-version=1", file.toString()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stop() {
        part.stopAndDelete();
    }

    record Result(int exitCode, String output) {
    }
}
