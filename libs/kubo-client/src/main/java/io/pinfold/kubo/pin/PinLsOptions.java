package io.pinfold.kubo.pin;

import java.util.List;
import java.util.Optional;

/**
 * What {@code pin ls} lists.
 *
 * @param type only pins of this type; empty lists all types
 * @param cids only these CIDs (each must be pinned, or the call fails as not pinned); empty lists all
 * @param names include pin names (slower on Kubo's side)
 */
public record PinLsOptions(Optional<PinType> type, List<String> cids, boolean names) {

    public PinLsOptions {
        cids = List.copyOf(cids);
    }

    public static PinLsOptions all() {
        return new PinLsOptions(Optional.empty(), List.of(), false);
    }

    public static PinLsOptions ofType(PinType type) {
        return new PinLsOptions(Optional.of(type), List.of(), false);
    }

    public PinLsOptions withCids(List<String> only) {
        return new PinLsOptions(type, only, names);
    }

    public PinLsOptions withNames(boolean withNames) {
        return new PinLsOptions(type, cids, withNames);
    }

    String kuboType() {
        return type.map(PinType::kuboName).orElse("all");
    }
}
