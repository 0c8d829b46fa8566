package io.pinfold.kubo.pin;

import java.util.Optional;

/** Options of {@code pin add}: the whole DAG or the root block only, and an optional pin name. */
public record PinAddOptions(boolean recursive, Optional<String> name) {

    public static PinAddOptions recursivePin() {
        return new PinAddOptions(true, Optional.empty());
    }

    public static PinAddOptions directPin() {
        return new PinAddOptions(false, Optional.empty());
    }

    public PinAddOptions withName(String pinName) {
        return new PinAddOptions(recursive, Optional.of(pinName));
    }
}
