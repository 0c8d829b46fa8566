package io.pinfold.pin.reconcile;

import io.pinfold.ipfs.cid.Cid;
import java.util.Optional;

/**
 * Whether a row's CID names the content its multihash says. The multihash decides everything else about a pin
 * (denylist matching, whether another pin on the node still wants the content), the CID is what Kubo is asked to
 * pin: a row where the two disagree would pin content nobody checked, so it is refused before any call.
 */
final class ContentCheck {
    static final String REFUSED_PREFIX = "refused: ";

    private ContentCheck() {
    }

    /** Why the row must not be pinned, or empty when its CID and multihash agree. */
    static Optional<String> mismatch(DueRow row) {
        Cid cid;
        try {
            cid = Cid.parse(row.cid());
        } catch (RuntimeException e) {
            return Optional.of(REFUSED_PREFIX + "cid '" + row.cid() + "' of the row does not parse (" + e.getMessage()
                    + "); nothing was pinned");
        }
        String actual = cid.multihash().toBase32();
        if (actual.equals(row.multihash())) {
            return Optional.empty();
        }
        return Optional.of(REFUSED_PREFIX + "the row's multihash " + row.multihash() + " is not the multihash " + actual
                + " of its cid " + row.cid() + "; nothing was pinned");
    }
}
