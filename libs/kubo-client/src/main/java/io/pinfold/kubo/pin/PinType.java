package io.pinfold.kubo.pin;

import java.util.Locale;

/** How a block is pinned: as the root of a whole DAG, alone, or because a recursive pin reaches it. */
public enum PinType {
    RECURSIVE,
    DIRECT,
    INDIRECT;

    /** Kubo's wording: "recursive", "direct", "indirect" or "indirect through <cid>". */
    public static PinType parse(String kuboType) {
        String type = kuboType.strip().toLowerCase(Locale.ROOT);
        if (type.startsWith("indirect")) {
            return INDIRECT;
        }
        return switch (type) {
            case "recursive" -> RECURSIVE;
            case "direct" -> DIRECT;
            default -> throw new IllegalArgumentException("pin type: unknown '" + kuboType + "'");
        };
    }

    String kuboName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
