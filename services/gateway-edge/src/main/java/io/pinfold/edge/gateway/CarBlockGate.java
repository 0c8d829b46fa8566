package io.pinfold.edge.gateway;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.InvalidCidException;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a CARv1 stream as it is forwarded and lets through only what precedes a blocked block: each section's length
 * and CID are held back until the CID is read whole and checked, so no byte of a blocked section (not even its CID)
 * leaves the edge. The rest of a section streams through untouched, so memory stays at one CID per stream. A stream
 * that is not a CARv1 the gate can read stops the same way (fail closed). Not thread-safe: one per response.
 */
public final class CarBlockGate {
    /** Longest CID accepted in a section; identity CIDs carry data, but not this much. */
    static final int MAX_CID_BYTES = 8192;

    private enum State { HEADER_LENGTH, HEADER, SECTION_LENGTH, SECTION_CID, SECTION_DATA, STOPPED }

    private final Function<Cid, Optional<DenylistEntry>> blocks;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private State state = State.HEADER_LENGTH;
    private long varint;
    private int varintShift;
    private long remaining;
    private int lengthBytes;
    private DenylistEntry blocked;
    private Cid blockedCid;
    private String malformed;

    public CarBlockGate(Function<Cid, Optional<DenylistEntry>> blocks) {
        this.blocks = blocks;
    }

    /** The bytes of {@code chunk} that may be forwarded now (possibly none); after a stop, always none. */
    public byte[] accept(byte[] chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length);
        int i = 0;
        while (i < chunk.length && state != State.STOPPED) {
            switch (state) {
                case HEADER_LENGTH, SECTION_LENGTH -> {
                    int b = chunk[i++] & 0xff;
                    if (state == State.SECTION_LENGTH) {
                        held.write(b);
                    } else {
                        out.write(b);
                    }
                    if (!varintByte(b)) {
                        break;
                    }
                    if (state == State.HEADER_LENGTH) {
                        remaining = varint;
                        state = State.HEADER;
                    } else {
                        remaining = varint;
                        lengthBytes = held.size();
                        state = State.SECTION_CID;
                    }
                    varint = 0;
                    varintShift = 0;
                }
                case HEADER, SECTION_DATA -> {
                    int n = (int) Math.min(remaining, chunk.length - i);
                    out.write(chunk, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.SECTION_LENGTH;
                    }
                }
                case SECTION_CID -> {
                    held.write(chunk[i++]);
                    int cidBytes = held.size() - lengthBytes;
                    if (cidBytes > remaining || cidBytes > MAX_CID_BYTES) {
                        stop("a section's CID is longer than the section or " + MAX_CID_BYTES + " bytes");
                        break;
                    }
                    byte[] all = held.toByteArray();
                    int length = cidLength(all, lengthBytes);
                    if (length < 0) {
                        break;
                    }
                    if (length > remaining || length > MAX_CID_BYTES) {
                        stop("a section's CID is longer than the section or " + MAX_CID_BYTES + " bytes");
                        break;
                    }
                    Cid cid;
                    try {
                        cid = Cid.fromBytes(java.util.Arrays.copyOfRange(all, lengthBytes, lengthBytes + length));
                    } catch (InvalidCidException e) {
                        stop("a section's CID does not read: " + e.getMessage());
                        break;
                    }
                    Optional<DenylistEntry> hit = blocks.apply(cid);
                    if (hit.isPresent()) {
                        blocked = hit.get();
                        blockedCid = cid;
                        state = State.STOPPED;
                        break;
                    }
                    out.write(all, 0, all.length);
                    held.reset();
                    remaining -= length;
                    state = remaining == 0 ? State.SECTION_LENGTH : State.SECTION_DATA;
                }
                default -> throw new IllegalStateException(state.toString());
            }
        }
        return out.toByteArray();
    }

    /** Whether the stream ended where a CAR may end: between sections, nothing held back. */
    public boolean endedCleanly() {
        return state == State.SECTION_LENGTH && held.size() == 0 && varintShift == 0;
    }

    /** The rule that stopped the stream, if a blocked block did. */
    public Optional<DenylistEntry> blocked() {
        return Optional.ofNullable(blocked);
    }

    public Cid blockedCid() {
        return blockedCid;
    }

    /** Why the stream stopped when it could not be read, else null. */
    public String malformed() {
        return malformed;
    }

    public boolean stopped() {
        return state == State.STOPPED;
    }

    private void stop(String reason) {
        malformed = reason;
        state = State.STOPPED;
    }

    /** Adds one byte of an unsigned varint; true when it was the last. */
    private boolean varintByte(int b) {
        if (varintShift > 56) {
            stop("a length does not fit 63 bits");
            return false;
        }
        varint |= (long) (b & 0x7f) << varintShift;
        varintShift += 7;
        return (b & 0x80) == 0;
    }

    /** The length of the CID starting at {@code from}, or -1 while more bytes are needed. */
    static int cidLength(byte[] bytes, int from) {
        int available = bytes.length - from;
        if (available >= 1 && bytes[from] == 0x12) {
            // CIDv0: a bare sha2-256 multihash, 0x12 0x20 + 32 bytes
            return available >= 34 ? 34 : -1;
        }
        int at = from;
        for (int field = 0; field < 3; field++) { // version, codec, multihash code
            at = skipVarint(bytes, at);
            if (at < 0) {
                return -1;
            }
        }
        long digestLength = 0;
        int shift = 0;
        while (true) {
            if (at >= bytes.length) {
                return -1;
            }
            int b = bytes[at++] & 0xff;
            digestLength |= (long) (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                break;
            }
            if (shift > 28) {
                return Integer.MAX_VALUE; // longer than any section allows; the caller stops on the size check
            }
        }
        long end = at + digestLength;
        return end <= bytes.length ? (int) (end - from) : -1;
    }

    private static int skipVarint(byte[] bytes, int at) {
        while (at < bytes.length) {
            if ((bytes[at++] & 0x80) == 0) {
                return at;
            }
        }
        return -1;
    }
}
