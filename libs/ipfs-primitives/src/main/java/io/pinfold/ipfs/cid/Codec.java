package io.pinfold.ipfs.cid;

/**
 * The content codec of a CID (multicodec code), e.g. dag-pb or raw. Any code parses; {@link #isKnown()}
 * says whether the multicodec table names it.
 */
public final class Codec {

    public static final Codec RAW = new Codec(0x55, "raw");
    public static final Codec DAG_PB = new Codec(0x70, "dag-pb");
    public static final Codec DAG_CBOR = new Codec(0x71, "dag-cbor");
    public static final Codec LIBP2P_KEY = new Codec(0x72, "libp2p-key");
    public static final Codec DAG_JOSE = new Codec(0x85, "dag-jose");
    public static final Codec DAG_JSON = new Codec(0x0129, "dag-json");
    public static final Codec JSON = new Codec(0x0200, "json");
    public static final Codec CBOR = new Codec(0x51, "cbor");

    private final long code;
    private final String name;

    private Codec(long code, String name) {
        this.code = code;
        this.name = name;
    }

    /** The codec with this multicodec code; common codecs come back as the shared constants. */
    public static Codec of(long code) {
        if (code < 0) {
            throw new IllegalArgumentException("codec code must be >= 0, got " + code);
        }
        switch ((int) Math.min(code, Integer.MAX_VALUE)) {
            case 0x55: return RAW;
            case 0x70: return DAG_PB;
            case 0x71: return DAG_CBOR;
            case 0x72: return LIBP2P_KEY;
            case 0x85: return DAG_JOSE;
            case 0x0129: return DAG_JSON;
            case 0x0200: return JSON;
            case 0x51: return CBOR;
            default: return new Codec(code, MulticodecTable.codecName(code));
        }
    }

    /** The codec the multicodec table calls {@code name}, e.g. "dag-cbor". */
    public static Codec named(String name) {
        return of(MulticodecTable.codeOf(name)
                .orElseThrow(() -> new InvalidCidException("unknown codec name '" + name + "'", name)));
    }

    public long code() {
        return code;
    }

    /** The multicodec name, or the code in hex ("0x3a5f00") when the table has no such code. */
    public String name() {
        return name != null ? name : MulticodecTable.hex(code);
    }

    public boolean isKnown() {
        return name != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Codec && ((Codec) other).code == code;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(code);
    }

    @Override
    public String toString() {
        return name();
    }
}
