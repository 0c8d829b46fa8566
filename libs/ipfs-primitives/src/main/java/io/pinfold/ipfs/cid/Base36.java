package io.pinfold.ipfs.cid;

import java.util.Arrays;

/**
 * Base36 (multibase 'k'/'K', used for IPNS names and libp2p keys): copper-multibase has no base36,
 * so this small radix codec is our own. Leading zero bytes are written as leading '0' characters.
 */
final class Base36 {

    private static final String LOWER = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String UPPER = LOWER.toUpperCase(java.util.Locale.ROOT);

    private Base36() {
    }

    /** Decodes {@code text} from {@code from}; every character must already be checked by {@link Alphabet}. */
    static byte[] decode(String text, int from, Alphabet alphabet) {
        int zeros = 0;
        while (from + zeros < text.length() && text.charAt(from + zeros) == '0') {
            zeros++;
        }
        // Big number in base 256, least significant byte first; log(36)/log(256) < 0.65 bytes per char.
        int[] number = new int[(int) ((text.length() - from - zeros) * 0.65) + 1];
        int used = 0;
        for (int i = from + zeros; i < text.length(); i++) {
            int carry = alphabet.valueOf(text.charAt(i));
            for (int j = 0; j < used; j++) {
                carry += number[j] * 36;
                number[j] = carry & 0xff;
                carry >>>= 8;
            }
            while (carry > 0) {
                number[used++] = carry & 0xff;
                carry >>>= 8;
            }
        }
        byte[] bytes = new byte[zeros + used];
        for (int j = 0; j < used; j++) {
            bytes[bytes.length - 1 - j] = (byte) number[j];
        }
        return bytes;
    }

    static String encode(byte[] bytes, boolean upperCase) {
        String digits = upperCase ? UPPER : LOWER;
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        // Big number in base 36, least significant digit first; log(256)/log(36) < 1.55 digits per byte.
        int[] number = new int[(int) ((bytes.length - zeros) * 1.55) + 1];
        int used = 0;
        for (int i = zeros; i < bytes.length; i++) {
            int carry = bytes[i] & 0xff;
            for (int j = 0; j < used; j++) {
                carry += number[j] << 8;
                number[j] = carry % 36;
                carry /= 36;
            }
            while (carry > 0) {
                number[used++] = carry % 36;
                carry /= 36;
            }
        }
        char[] text = new char[zeros + used];
        Arrays.fill(text, 0, zeros, '0');
        for (int j = 0; j < used; j++) {
            text[text.length - 1 - j] = digits.charAt(number[j]);
        }
        return new String(text);
    }
}
