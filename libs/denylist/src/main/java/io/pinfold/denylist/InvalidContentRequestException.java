package io.pinfold.denylist;

/** A request path that cannot be normalised (bad CID, bad percent-encoding, '..' above the root): answer 400, never serve it unchecked. */
public final class InvalidContentRequestException extends IllegalArgumentException {

    public InvalidContentRequestException(String message) {
        super(message);
    }
}
