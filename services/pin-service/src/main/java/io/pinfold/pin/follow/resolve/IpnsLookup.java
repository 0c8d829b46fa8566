package io.pinfold.pin.follow.resolve;

import io.smallrye.mutiny.Uni;

/** Where an IPNS name points now, one step, never from a cache. */
public interface IpnsLookup {

    /** @return the record's value, e.g. {@code /ipfs/bafy…} or {@code /ipns/…}; fails with {@link ResolutionFailedException} */
    Uni<String> lookup(String key);
}
