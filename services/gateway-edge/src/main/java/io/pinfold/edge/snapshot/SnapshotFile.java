package io.pinfold.edge.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The snapshot on disk: one header line {@code PINFOLD-EDGE-SNAPSHOT <version> <length> <sha-256 hex>}, then the JSON
 * body of {@link EdgeSnapshot}. Written to a temporary file beside the target, forced to disk, then renamed over it
 * (atomic on one file system), so a crash mid-write leaves the previous snapshot whole. A file whose header, version,
 * length or checksum does not match is refused with the reason: the edge then starts as if it had none.
 */
public final class SnapshotFile {
    static final String MAGIC = "PINFOLD-EDGE-SNAPSHOT";
    static final int VERSION = 1;

    private final Path path;
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    public SnapshotFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The snapshot, empty when there is no file; {@link UnreadableSnapshotException} says why a file is refused. */
    public Optional<EdgeSnapshot> read() throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        int newline = indexOf(all, (byte) '\n');
        if (newline < 0) {
            throw new UnreadableSnapshotException(path + ": no header line");
        }
        String[] header = new String(all, 0, newline, StandardCharsets.US_ASCII).split(" ");
        if (header.length != 4 || !header[0].equals(MAGIC)) {
            throw new UnreadableSnapshotException(path + ": not an edge snapshot (header '" + header[0] + "…')");
        }
        int version = parse(header[1], "version");
        if (version != VERSION) {
            throw new UnreadableSnapshotException(path + ": version " + version + ", this edge reads version " + VERSION);
        }
        long length = parse(header[2], "length");
        int bodyStart = newline + 1;
        if (all.length - bodyStart != length) {
            throw new UnreadableSnapshotException(path + ": body is " + (all.length - bodyStart) + " bytes, the header says " + length);
        }
        MessageDigest sha = sha256();
        sha.update(all, bodyStart, all.length - bodyStart);
        if (!HexFormat.of().formatHex(sha.digest()).equals(header[3])) {
            throw new UnreadableSnapshotException(path + ": checksum mismatch");
        }
        return Optional.of(json.readValue(all, bodyStart, all.length - bodyStart, EdgeSnapshot.class));
    }

    /** Replaces the snapshot atomically. Call from one thread at a time. */
    public void write(EdgeSnapshot snapshot) throws IOException {
        byte[] body = json.writeValueAsBytes(snapshot);
        byte[] header = (MAGIC + " " + VERSION + " " + body.length + " " + HexFormat.of().formatHex(sha256().digest(body)) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve(path.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(header));
            ByteBuffer rest = ByteBuffer.wrap(body);
            while (rest.hasRemaining()) {
                out.write(rest);
            }
            out.force(true);
        }
        try {
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
        // The rename itself is durable once the folder is forced (Linux; elsewhere a no-op or refused).
        try (FileChannel folder = FileChannel.open(parent, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }

    private static int parse(String text, String what) throws UnreadableSnapshotException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UnreadableSnapshotException("header " + what + " '" + text + "' is not a number");
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < Math.min(bytes.length, 256); i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file exists but is not a snapshot this edge can trust. */
    public static final class UnreadableSnapshotException extends IOException {
        public UnreadableSnapshotException(String message) {
            super(message);
        }
    }
}
