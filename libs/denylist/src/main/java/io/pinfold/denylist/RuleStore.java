package io.pinfold.denylist;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Rules packed into byte chunks, found through an open-addressing table of int offsets: no object,
 * String or map per rule, so a million rules cost tens of bytes each. A key (kind tag + multihash,
 * domain or hash bytes) leads to its newest rule; each rule points to the previous rule with the
 * same key, so a lookup walks the rules of one key newest first, as "last matching rule wins" needs.
 *
 * <p>Record: tag(1) keyLength(varint) key flags(1) status-400(1) [prev(4), only when an older rule
 * has the key] pathLength(varint) path legalReason(varint, index into the interned reasons, 0 = none)
 * then the notice: 16 bytes when it is a UUID in canonical form, else length(varint) and UTF-8.
 *
 * <p>One writer, any number of readers without locks: a record is written whole into a chunk that
 * never moves, then its offset is stored in the table with release semantics; a reader loads the
 * offset with acquire semantics and only then reads the chunk list, so it sees the record complete.
 * A grown table is built aside and published whole.
 */
final class RuleStore {

    static final int NONE = -1;
    static final int FLAG_ALLOW = 1;
    static final int FLAG_PREFIX = 2;
    private static final int FLAG_PREVIOUS = 4;
    private static final int FLAG_UUID_NOTICE = 8;
    /** Largest record: keys, paths and notices are capped well below this by the model. */
    static final int MAX_RECORD = 64 * 1024;
    private static final int CHUNK_BITS = 18;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;
    private static final int EMPTY = -1;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);

    private volatile byte[][] chunks = new byte[0][];
    private volatile int[] table = newTable(64);
    private volatile String[] reasons = { "" };
    private volatile int rules;
    private final Map<String, Integer> reasonIndex = new HashMap<>();
    // Writer-only state.
    private byte[] current;
    private int position = CHUNK_SIZE;
    private int keys;
    private byte[] record = new byte[1024];
    private int length;

    private static int[] newTable(int size) {
        int[] table = new int[size];
        Arrays.fill(table, EMPTY);
        return table;
    }

    int rules() {
        return rules;
    }

    long footprintBytes() {
        return (long) chunks.length * CHUNK_SIZE + 4L * table.length + 64L * reasons.length;
    }

    /** Writer only. */
    void add(int tag, byte[] key, boolean allow, PathRule path, int status, String legalReason, String notice) {
        byte[] pathBytes = path.path().getBytes(StandardCharsets.UTF_8);
        UUID uuid = uuidOrNull(notice);
        byte[] noticeBytes = notice == null || uuid != null ? new byte[0] : notice.getBytes(StandardCharsets.UTF_8);
        int size = 1 + 5 + key.length + 2 + 4 + 5 + pathBytes.length + 5 + 5 + 16 + noticeBytes.length;
        if (size > MAX_RECORD) {
            throw new IllegalArgumentException("rule is too large to store: " + size + " bytes");
        }
        int reason = legalReason == null ? 0 : internReason(legalReason);
        int[] table = this.table;
        int slot = slot(table, chunks, tag, key);
        int previous = table[slot];
        length = 0;
        if (record.length < size) {
            record = new byte[Math.max(size, record.length * 2)];
        }
        record[length++] = (byte) tag;
        writeVarint(key.length);
        append(key);
        record[length++] = (byte) ((allow ? FLAG_ALLOW : 0) | (path.prefix() ? FLAG_PREFIX : 0)
                | (previous != EMPTY ? FLAG_PREVIOUS : 0) | (uuid != null ? FLAG_UUID_NOTICE : 0));
        record[length++] = (byte) (status - 400);
        if (previous != EMPTY) {
            writeInt(previous);
        }
        writeVarint(pathBytes.length);
        append(pathBytes);
        writeVarint(reason);
        if (uuid != null) {
            writeLong(uuid.getMostSignificantBits());
            writeLong(uuid.getLeastSignificantBits());
        } else {
            writeVarint(noticeBytes.length);
            append(noticeBytes);
        }
        int offset = place();
        SLOT.setRelease(table, slot, offset);
        rules++;
        if (previous == EMPTY && ++keys * 3 > table.length * 2) {
            grow(table);
        }
    }

    /** Notice ids are usually UUIDs: 16 bytes instead of 37 when the text is the canonical form. */
    private static UUID uuidOrNull(String notice) {
        if (notice == null || notice.length() != 36) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(notice);
            return uuid.toString().equals(notice) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private int internReason(String reason) {
        Integer index = reasonIndex.get(reason);
        if (index == null) {
            String[] grown = Arrays.copyOf(reasons, reasons.length + 1);
            grown[grown.length - 1] = reason;
            reasons = grown;
            index = grown.length - 1;
            reasonIndex.put(reason, index);
        }
        return index;
    }

    /** Copies the record into the current chunk (a new one when it does not fit) and returns its offset. */
    private int place() {
        if (position + length > CHUNK_SIZE) {
            current = new byte[CHUNK_SIZE];
            byte[][] grown = Arrays.copyOf(chunks, chunks.length + 1);
            grown[grown.length - 1] = current;
            chunks = grown;
            position = 0;
        }
        System.arraycopy(record, 0, current, position, length);
        int offset = (chunks.length - 1) << CHUNK_BITS | position;
        position += length;
        return offset;
    }

    private void grow(int[] old) {
        int[] grown = newTable(old.length * 2);
        byte[][] chunks = this.chunks;
        for (int offset : old) {
            if (offset != EMPTY) {
                grown[slot(grown, chunks, chunks[offset >>> CHUNK_BITS][offset & CHUNK_MASK], key(chunks, offset))] = offset;
            }
        }
        // Published only once complete: a reader sees the old table or the whole new one.
        table = grown;
    }

    private static int slot(int[] table, byte[][] chunks, int tag, byte[] key) {
        int mask = table.length - 1;
        int slot = hash(tag, key) & mask;
        while (table[slot] != EMPTY && !sameKey(chunks, table[slot], tag, key)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Reader: the newest rule with this key, or {@link #NONE}. */
    int newest(int tag, byte[] key) {
        int[] table = this.table;
        int mask = table.length - 1;
        int slot = hash(tag, key) & mask;
        while (true) {
            int offset = (int) SLOT.getAcquire(table, slot);
            if (offset == EMPTY) {
                return NONE;
            }
            // Read after the acquire: the chunk list then holds the record's chunk.
            if (sameKey(chunks, offset, tag, key)) {
                return offset;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean sameKey(byte[][] chunks, int offset, int tag, byte[] key) {
        byte[] chunk = chunks[offset >>> CHUNK_BITS];
        int at = offset & CHUNK_MASK;
        if (chunk[at] != (byte) tag) {
            return false;
        }
        int length = readVarint(chunk, at + 1);
        at += 1 + varintLength(length);
        return length == key.length && Arrays.equals(chunk, at, at + length, key, 0, length);
    }

    private static int hash(int tag, byte[] key) {
        int h = tag * 0x9E3779B1;
        for (byte b : key) {
            h = 31 * h + b;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }

    // ---- reading a record (offsets come from newest/previous, so their chunk is visible) ----

    private byte[] chunk(int offset) {
        return chunks[offset >>> CHUNK_BITS];
    }

    private static int afterKey(byte[] chunk, int at) {
        int length = readVarint(chunk, at + 1);
        return at + 1 + varintLength(length) + length;
    }

    int tag(int offset) {
        return chunk(offset)[offset & CHUNK_MASK];
    }

    byte[] key(int offset) {
        return key(chunks, offset);
    }

    private static byte[] key(byte[][] chunks, int offset) {
        byte[] chunk = chunks[offset >>> CHUNK_BITS];
        int at = offset & CHUNK_MASK;
        int length = readVarint(chunk, at + 1);
        at += 1 + varintLength(length);
        return Arrays.copyOfRange(chunk, at, at + length);
    }

    int previous(int offset) {
        byte[] chunk = chunk(offset);
        int at = afterKey(chunk, offset & CHUNK_MASK);
        if ((chunk[at] & FLAG_PREVIOUS) == 0) {
            return NONE;
        }
        at += 2;
        return (chunk[at] & 0xff) << 24 | (chunk[at + 1] & 0xff) << 16 | (chunk[at + 2] & 0xff) << 8 | chunk[at + 3] & 0xff;
    }

    int flags(int offset) {
        byte[] chunk = chunk(offset);
        return chunk[afterKey(chunk, offset & CHUNK_MASK)];
    }

    int status(int offset) {
        byte[] chunk = chunk(offset);
        return (chunk[afterKey(chunk, offset & CHUNK_MASK) + 1] & 0xff) + 400;
    }

    /** Where the path length is: after flags, status and the optional previous pointer. */
    private static int pathAt(byte[] chunk, int at) {
        int flagsAt = afterKey(chunk, at);
        return flagsAt + 2 + ((chunk[flagsAt] & FLAG_PREVIOUS) != 0 ? 4 : 0);
    }

    /** Whether the rule's path matches the request path (UTF-8), exactly or as a prefix. */
    boolean pathMatches(int offset, byte[] requestPath, boolean prefix) {
        byte[] chunk = chunk(offset);
        int at = pathAt(chunk, offset & CHUNK_MASK);
        int length = readVarint(chunk, at);
        at += varintLength(length);
        if (prefix ? requestPath.length < length : requestPath.length != length) {
            return false;
        }
        return Arrays.equals(chunk, at, at + length, requestPath, 0, length);
    }

    String path(int offset) {
        byte[] chunk = chunk(offset);
        int at = pathAt(chunk, offset & CHUNK_MASK);
        int length = readVarint(chunk, at);
        return new String(chunk, at + varintLength(length), length, StandardCharsets.UTF_8);
    }

    private static int afterPath(byte[] chunk, int at) {
        int pathAt = pathAt(chunk, at);
        int length = readVarint(chunk, pathAt);
        return pathAt + varintLength(length) + length;
    }

    String legalReason(int offset) {
        byte[] chunk = chunk(offset);
        int index = readVarint(chunk, afterPath(chunk, offset & CHUNK_MASK));
        return index == 0 ? null : reasons[index];
    }

    String notice(int offset) {
        byte[] chunk = chunk(offset);
        int start = offset & CHUNK_MASK;
        int at = afterPath(chunk, start);
        at += varintLength(readVarint(chunk, at));
        if ((chunk[afterKey(chunk, start)] & FLAG_UUID_NOTICE) != 0) {
            return new UUID(readLong(chunk, at), readLong(chunk, at + 8)).toString();
        }
        int length = readVarint(chunk, at);
        at += varintLength(length);
        return length == 0 ? null : new String(chunk, at, length, StandardCharsets.UTF_8);
    }

    private static long readLong(byte[] chunk, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (chunk[at + i] & 0xff);
        }
        return value;
    }

    // ---- bytes ----

    private void append(byte[] bytes) {
        System.arraycopy(bytes, 0, record, length, bytes.length);
        length += bytes.length;
    }

    private void writeInt(int value) {
        record[length++] = (byte) (value >>> 24);
        record[length++] = (byte) (value >>> 16);
        record[length++] = (byte) (value >>> 8);
        record[length++] = (byte) value;
    }

    private void writeLong(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            record[length++] = (byte) (value >>> shift);
        }
    }

    private void writeVarint(int value) {
        while ((value & ~0x7f) != 0) {
            record[length++] = (byte) (value & 0x7f | 0x80);
            value >>>= 7;
        }
        record[length++] = (byte) value;
    }

    private static int readVarint(byte[] chunk, int at) {
        int value = 0;
        int shift = 0;
        while (true) {
            int b = chunk[at++];
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }

    private static int varintLength(int value) {
        int length = 1;
        while ((value & ~0x7f) != 0) {
            value >>>= 7;
            length++;
        }
        return length;
    }
}
