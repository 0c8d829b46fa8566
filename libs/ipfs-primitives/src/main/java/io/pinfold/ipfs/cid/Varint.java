package io.pinfold.ipfs.cid;

/**
 * Unsigned LEB128 varints as the multiformats unsigned-varint spec defines them: at most 9 bytes
 * (63 bits), and only the minimal encoding, so that one number has exactly one byte form.
 */
final class Varint {

    static final int MAX_BYTES = 9;

    private Varint() {
    }

    /**
     * Reads the varint at {@code offset}. Since only minimal encodings are accepted, the number of
     * bytes it took is {@link #length(long)} of the result.
     *
     * @param subject what the whole input was meant to be ("not a CID"), for the message
     * @param field   what this varint holds ("codec"), for the message
     */
    static long read(byte[] bytes, int offset, String subject, String field) {
        if (offset >= bytes.length) {
            throw new InvalidCidException(subject + ": data ends before the " + field);
        }
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int at = offset + i;
            if (at >= bytes.length) {
                throw new InvalidCidException(subject + ": data ends inside the " + field + " varint");
            }
            int b = bytes[at] & 0xff;
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new InvalidCidException(subject + ": " + field + " varint is not minimally encoded");
                }
                return value;
            }
        }
        throw new InvalidCidException(subject + ": " + field + " varint is longer than " + MAX_BYTES + " bytes");
    }

    /** Bytes the minimal encoding of a non-negative value takes. */
    static int length(long value) {
        int length = 1;
        while ((value >>>= 7) != 0) {
            length++;
        }
        return length;
    }

    /** Writes the minimal encoding of a non-negative value; returns the number of bytes written. */
    static int write(long value, byte[] target, int offset) {
        int at = offset;
        while ((value & ~0x7fL) != 0) {
            target[at++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        target[at++] = (byte) value;
        return at - offset;
    }
}
