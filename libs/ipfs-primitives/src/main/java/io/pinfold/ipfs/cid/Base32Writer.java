package io.pinfold.ipfs.cid;

/**
 * RFC 4648 base32 encoding. copper-multibase 4.1.0's Base32.encode sign-extends bytes of 0x80 and
 * above and writes wrong text, so encoding is ours; decoding still uses the library.
 */
final class Base32Writer {

    static final char[] LOWER = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    static final char[] UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    static final char[] HEX_LOWER = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    static final char[] HEX_UPPER = "0123456789ABCDEFGHIJKLMNOPQRSTUV".toCharArray();

    private Base32Writer() {
    }

    static String encode(byte[] bytes, char[] alphabet, boolean padded) {
        int chars = (bytes.length * 8 + 4) / 5;
        int length = padded ? (bytes.length + 4) / 5 * 8 : chars;
        char[] text = new char[length];
        int buffer = 0;
        int bits = 0;
        int at = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                text[at++] = alphabet[(buffer >>> bits) & 0x1f];
            }
        }
        if (bits > 0) {
            text[at++] = alphabet[(buffer << (5 - bits)) & 0x1f];
        }
        while (at < length) {
            text[at++] = '=';
        }
        return new String(text);
    }
}
