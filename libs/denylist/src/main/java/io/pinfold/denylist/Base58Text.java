package io.pinfold.denylist;

/**
 * Base58btc writing for the double-hash inputs, which every request of a list with double hashes
 * needs: copper-multibase's encoder (behind {@code Multihash.toBase58}) took about 12 µs for a
 * 34-byte multihash here, this one works in base 58^5 limbs and takes a small fraction of that.
 */
final class Base58Text {

    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final long LIMB = 58L * 58 * 58 * 58 * 58;

    private Base58Text() {
    }

    static String encode(byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        // Big number in base 58^5, least significant limb first; 8 bits per byte, log2(58^5) > 29.
        int[] limbs = new int[(bytes.length - zeros) * 8 / 29 + 2];
        int used = 0;
        for (int i = zeros; i < bytes.length; i++) {
            long carry = bytes[i] & 0xff;
            for (int j = 0; j < used; j++) {
                carry += (long) limbs[j] << 8;
                limbs[j] = (int) (carry % LIMB);
                carry /= LIMB;
            }
            while (carry > 0) {
                limbs[used++] = (int) (carry % LIMB);
                carry /= LIMB;
            }
        }
        char[] digits = new char[used * 5];
        int count = 0;
        for (int j = 0; j < used; j++) {
            int limb = limbs[j];
            for (int k = 0; k < 5; k++) {
                digits[count++] = ALPHABET[limb % 58];
                limb /= 58;
            }
        }
        while (count > 0 && digits[count - 1] == '1') {
            count--;
        }
        StringBuilder out = new StringBuilder(zeros + count);
        for (int i = 0; i < zeros; i++) {
            out.append('1');
        }
        for (int i = count - 1; i >= 0; i--) {
            out.append(digits[i]);
        }
        return out.toString();
    }
}
