package io.pinfold.pin.tenant;

import io.pinfold.runtime.rest.RequestRejected;
import java.util.UUID;

/** Ids from a path: one that is not a UUID names nothing, so it answers 404 like an unknown one. */
public final class Ids {
    private Ids() {
    }

    public static UUID tenant(String id) {
        return parse(id, "no tenant with id '" + id + "'");
    }

    static UUID token(String id) {
        return parse(id, "no token with id '" + id + "'");
    }

    private static UUID parse(String id, String notFound) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.notFound(notFound);
        }
    }
}
