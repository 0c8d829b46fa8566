package io.pinfold.ipfs.cid;

import java.util.Base64;
import java.util.Optional;

import com.apicatalog.base.Base16;
import com.apicatalog.base.Base2;
import com.apicatalog.base.Base32;
import com.apicatalog.base.Base58;

/**
 * The multibases Pinfold reads and writes, each with its prefix character. Decoding comes from
 * copper-multibase and the JDK, after {@link Alphabet} has checked the text; base32 writing and
 * base36 are ours (see {@link Base32Writer}, {@link Base36}).
 */
public enum MultibaseEncoding {

    BASE2('0', "base2", Alphabet.rfc4648("base2", "01", false, 1, false)),
    BASE16('f', "base16", Alphabet.rfc4648("base16", "0123456789abcdef", true, 4, false)),
    BASE16_UPPER('F', "base16upper", Alphabet.rfc4648("base16upper", "0123456789abcdef", true, 4, false)),
    BASE32('b', "base32", Alphabet.rfc4648("base32", "abcdefghijklmnopqrstuvwxyz234567", true, 5, false)),
    BASE32_UPPER('B', "base32upper", Alphabet.rfc4648("base32upper", "abcdefghijklmnopqrstuvwxyz234567", true, 5, false)),
    BASE32_PAD('c', "base32pad", Alphabet.rfc4648("base32pad", "abcdefghijklmnopqrstuvwxyz234567", true, 5, true)),
    BASE32_PAD_UPPER('C', "base32padupper", Alphabet.rfc4648("base32padupper", "abcdefghijklmnopqrstuvwxyz234567", true, 5, true)),
    BASE32_HEX('v', "base32hex", Alphabet.rfc4648("base32hex", "0123456789abcdefghijklmnopqrstuv", true, 5, false)),
    BASE32_HEX_UPPER('V', "base32hexupper", Alphabet.rfc4648("base32hexupper", "0123456789abcdefghijklmnopqrstuv", true, 5, false)),
    BASE32_HEX_PAD('t', "base32hexpad", Alphabet.rfc4648("base32hexpad", "0123456789abcdefghijklmnopqrstuv", true, 5, true)),
    BASE32_HEX_PAD_UPPER('T', "base32hexpadupper", Alphabet.rfc4648("base32hexpadupper", "0123456789abcdefghijklmnopqrstuv", true, 5, true)),
    BASE36('k', "base36", Alphabet.radix("base36", "0123456789abcdefghijklmnopqrstuvwxyz", true)),
    BASE36_UPPER('K', "base36upper", Alphabet.radix("base36upper", "0123456789abcdefghijklmnopqrstuvwxyz", true)),
    BASE58_BTC('z', "base58btc", Alphabet.radix("base58btc", new String(Base58.ALPHABET), false)),
    BASE64('m', "base64", Alphabet.rfc4648("base64", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", false, 6, false)),
    BASE64_PAD('M', "base64pad", Alphabet.rfc4648("base64pad", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", false, 6, true)),
    BASE64_URL('u', "base64url", Alphabet.rfc4648("base64url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", false, 6, false)),
    BASE64_URL_PAD('U', "base64urlpad", Alphabet.rfc4648("base64urlpad", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", false, 6, true));

    /** Prefix character -> encoding, for the ASCII prefixes; the hot path looks up here without allocating. */
    private static final MultibaseEncoding[] BY_PREFIX = new MultibaseEncoding[128];

    static {
        for (MultibaseEncoding base : values()) {
            BY_PREFIX[base.prefix] = base;
        }
    }

    private final char prefix;
    private final String multibaseName;
    private final Alphabet alphabet;

    MultibaseEncoding(char prefix, String multibaseName, Alphabet alphabet) {
        this.prefix = prefix;
        this.multibaseName = multibaseName;
        this.alphabet = alphabet;
    }

    /** The character that starts text in this base. */
    public char prefix() {
        return prefix;
    }

    /** The name the multibase table gives this base, e.g. "base32". */
    public String multibaseName() {
        return multibaseName;
    }

    public static Optional<MultibaseEncoding> forPrefix(char prefix) {
        return Optional.ofNullable(prefix < 128 ? BY_PREFIX[prefix] : null);
    }

    static MultibaseEncoding forPrefixOrNull(char prefix) {
        return prefix < 128 ? BY_PREFIX[prefix] : null;
    }

    /** Encodes bytes into text that starts with this base's prefix. */
    public String encode(byte[] bytes) {
        return prefix + encodeWithoutPrefix(bytes);
    }

    String encodeWithoutPrefix(byte[] bytes) {
        switch (this) {
            case BASE2:
                return Base2.encode(bytes);
            case BASE16:
                return Base16.encode(bytes, Base16.ALPHABET_LOWER);
            case BASE16_UPPER:
                return Base16.encode(bytes, Base16.ALPHABET_UPPER);
            case BASE32:
                return Base32Writer.encode(bytes, Base32Writer.LOWER, false);
            case BASE32_UPPER:
                return Base32Writer.encode(bytes, Base32Writer.UPPER, false);
            case BASE32_PAD:
                return Base32Writer.encode(bytes, Base32Writer.LOWER, true);
            case BASE32_PAD_UPPER:
                return Base32Writer.encode(bytes, Base32Writer.UPPER, true);
            case BASE32_HEX:
                return Base32Writer.encode(bytes, Base32Writer.HEX_LOWER, false);
            case BASE32_HEX_UPPER:
                return Base32Writer.encode(bytes, Base32Writer.HEX_UPPER, false);
            case BASE32_HEX_PAD:
                return Base32Writer.encode(bytes, Base32Writer.HEX_LOWER, true);
            case BASE32_HEX_PAD_UPPER:
                return Base32Writer.encode(bytes, Base32Writer.HEX_UPPER, true);
            case BASE36:
                return Base36.encode(bytes, false);
            case BASE36_UPPER:
                return Base36.encode(bytes, true);
            case BASE58_BTC:
                return Base58.encode(bytes);
            case BASE64:
                return Base64.getEncoder().withoutPadding().encodeToString(bytes);
            // Plain JDK encoder: copper's base64pad uses the MIME encoder, which breaks lines every 76 chars.
            case BASE64_PAD:
                return Base64.getEncoder().encodeToString(bytes);
            case BASE64_URL:
                return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            case BASE64_URL_PAD:
                return Base64.getUrlEncoder().encodeToString(bytes);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Decodes {@code text} from index {@code from} (just after the prefix) to its end.
     *
     * @param subject what the text was meant to be ("not a CID"), for error messages
     */
    byte[] decode(String text, int from, String subject) {
        alphabet.check(text, from, subject);
        try {
            return decodeChecked(text, from);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // Unreachable once Alphabet has checked the text; kept so a library surprise still reads well.
            throw new InvalidCidException(subject + ": malformed " + multibaseName + " text");
        }
    }

    private byte[] decodeChecked(String text, int from) {
        switch (this) {
            case BASE36:
            case BASE36_UPPER:
                return Base36.decode(text, from, alphabet);
            default:
                break;
        }
        String data = text.substring(from);
        switch (this) {
            case BASE2:
                return Base2.decode(data);
            case BASE16:
            case BASE16_UPPER:
                return Base16.decode(data);
            case BASE32:
            case BASE32_UPPER:
                return Base32.decode(data, Base32::charToCode, false);
            case BASE32_PAD:
            case BASE32_PAD_UPPER:
                return Base32.decode(data, Base32::charToCode, true);
            case BASE32_HEX:
            case BASE32_HEX_UPPER:
                return Base32.decode(data, Base32::charToCodeHex, false);
            case BASE32_HEX_PAD:
            case BASE32_HEX_PAD_UPPER:
                return Base32.decode(data, Base32::charToCodeHex, true);
            case BASE58_BTC:
                return Base58.decode(data);
            case BASE64:
            case BASE64_PAD:
                return Base64.getDecoder().decode(data);
            case BASE64_URL:
            case BASE64_URL_PAD:
                return Base64.getUrlDecoder().decode(data);
            default:
                throw new AssertionError(this);
        }
    }
}
