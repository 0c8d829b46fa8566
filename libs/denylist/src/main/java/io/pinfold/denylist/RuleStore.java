package io.pinfold.denylist;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules packed into one byte array, found through an open-addressing table of int offsets: no
 * object, String or map per rule, so a million rules cost tens of bytes each. A key (kind tag +
 * multihash, domain or hash bytes) leads to its newest rule; each rule points to the previous rule
 * with the same key, so a lookup walks the rules of one key newest first, as the spec's "last
 * matching rule wins" needs.
 *
 * <p>Record: tag(1) keyLength(varint) key prev(4) flags(1) status-400(1) pathLength(varint) path
 * legalReason(varint, index into the interned reasons, 0 = none) noticeLength(varint) notice.
 * Single writer; reads must not run concurrently with {@link #add}.
 */
final class RuleStore {

    static final int NONE = -1;
    static final int FLAG_ALLOW = 1;
    static final int FLAG_PREFIX = 2;
    private static final int EMPTY = -1;

    private byte[] arena = new byte[1024];
    private int used;
    private int[] table = newTable(64);
    private int keys;
    private int rules;
    private final List<String> reasons = new ArrayList<>(List.of(""));
    private final Map<String, Integer> reasonIndex = new HashMap<>();

    private static int[] newTable(int size) {
        int[] table = new int[size];
        Arrays.fill(table, EMPTY);
        return table;
    }

    int rules() {
        return rules;
    }

    long footprintBytes() {
        return arena.length + 4L * table.length + 64L * reasons.size();
    }

    void add(int tag, byte[] key, boolean allow, PathRule path, int status, String legalReason, String notice) {
        byte[] pathBytes = path.path().getBytes(StandardCharsets.UTF_8);
        byte[] noticeBytes = notice == null ? new byte[0] : notice.getBytes(StandardCharsets.UTF_8);
        int reason = legalReason == null ? 0 : reasonIndex.computeIfAbsent(legalReason, r -> {
            reasons.add(r);
            return reasons.size() - 1;
        });
        ensure(1 + 5 + key.length + 4 + 2 + 5 + pathBytes.length + 5 + 5 + noticeBytes.length);
        int slot = slot(tag, key, 0, key.length);
        int previous = table[slot];
        int record = used;
        arena[used++] = (byte) tag;
        writeVarint(key.length);
        System.arraycopy(key, 0, arena, used, key.length);
        used += key.length;
        writeInt(previous);
        arena[used++] = (byte) ((allow ? FLAG_ALLOW : 0) | (path.prefix() ? FLAG_PREFIX : 0));
        arena[used++] = (byte) (status - 400);
        writeVarint(pathBytes.length);
        System.arraycopy(pathBytes, 0, arena, used, pathBytes.length);
        used += pathBytes.length;
        writeVarint(reason);
        writeVarint(noticeBytes.length);
        System.arraycopy(noticeBytes, 0, arena, used, noticeBytes.length);
        used += noticeBytes.length;
        table[slot] = record;
        rules++;
        if (previous == EMPTY && ++keys * 3 > table.length * 2) {
            grow();
        }
    }

    /** The newest rule with this key, or {@link #NONE}. */
    int newest(int tag, byte[] key) {
        return table[slot(tag, key, 0, key.length)];
    }

    private int slot(int tag, byte[] key, int from, int to) {
        int mask = table.length - 1;
        int slot = hash(tag, key, from, to) & mask;
        while (true) {
            int record = table[slot];
            if (record == EMPTY || sameKey(record, tag, key, from, to)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean sameKey(int record, int tag, byte[] key, int from, int to) {
        if (arena[record] != (byte) tag) {
            return false;
        }
        int at = record + 1;
        int length = readVarint(at);
        at += varintLength(length);
        return length == to - from && Arrays.equals(arena, at, at + length, key, from, to);
    }

    private static int hash(int tag, byte[] key, int from, int to) {
        int h = tag * 0x9E3779B1;
        for (int i = from; i < to; i++) {
            h = 31 * h + key[i];
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }

    private void grow() {
        int[] old = table;
        table = newTable(old.length * 2);
        for (int record : old) {
            if (record != EMPTY) {
                int length = readVarint(record + 1);
                int keyAt = record + 1 + varintLength(length);
                byte[] key = Arrays.copyOfRange(arena, keyAt, keyAt + length);
                table[slot(arena[record], key, 0, key.length)] = record;
            }
        }
    }

    // ---- reading a record ----

    private int afterKey(int record) {
        int length = readVarint(record + 1);
        return record + 1 + varintLength(length) + length;
    }

    int tag(int record) {
        return arena[record];
    }

    byte[] key(int record) {
        int length = readVarint(record + 1);
        int at = record + 1 + varintLength(length);
        return Arrays.copyOfRange(arena, at, at + length);
    }

    int previous(int record) {
        int at = afterKey(record);
        return (arena[at] & 0xff) << 24 | (arena[at + 1] & 0xff) << 16 | (arena[at + 2] & 0xff) << 8 | arena[at + 3] & 0xff;
    }

    int flags(int record) {
        return arena[afterKey(record) + 4];
    }

    int status(int record) {
        return (arena[afterKey(record) + 5] & 0xff) + 400;
    }

    /** Whether the rule's path matches the request path (UTF-8). */
    boolean pathMatches(int record, byte[] requestPath, boolean prefix) {
        int at = afterKey(record) + 6;
        int length = readVarint(at);
        at += varintLength(length);
        if (prefix) {
            return requestPath.length >= length && Arrays.equals(arena, at, at + length, requestPath, 0, length);
        }
        return requestPath.length == length && Arrays.equals(arena, at, at + length, requestPath, 0, length);
    }

    String path(int record) {
        int at = afterKey(record) + 6;
        int length = readVarint(at);
        at += varintLength(length);
        return new String(arena, at, length, StandardCharsets.UTF_8);
    }

    private int afterPath(int record) {
        int at = afterKey(record) + 6;
        int length = readVarint(at);
        return at + varintLength(length) + length;
    }

    String legalReason(int record) {
        int index = readVarint(afterPath(record));
        return index == 0 ? null : reasons.get(index);
    }

    String notice(int record) {
        int at = afterPath(record);
        at += varintLength(readVarint(at));
        int length = readVarint(at);
        at += varintLength(length);
        return length == 0 ? null : new String(arena, at, length, StandardCharsets.UTF_8);
    }

    // ---- bytes ----

    private void ensure(int more) {
        if (used + more > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(used + more, arena.length + (arena.length >> 2)));
        }
    }

    private void writeInt(int value) {
        arena[used++] = (byte) (value >>> 24);
        arena[used++] = (byte) (value >>> 16);
        arena[used++] = (byte) (value >>> 8);
        arena[used++] = (byte) value;
    }

    private void writeVarint(int value) {
        while ((value & ~0x7f) != 0) {
            arena[used++] = (byte) (value & 0x7f | 0x80);
            value >>>= 7;
        }
        arena[used++] = (byte) value;
    }

    private int readVarint(int at) {
        int value = 0;
        int shift = 0;
        while (true) {
            int b = arena[at++];
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
