package io.pinfold.pin.follow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A name to add to a follow list. */
@Schema(name = "FollowEntryInput")
public record EntryBody(
        @Schema(required = true, description = "IPNS name (any key form), DNSLink domain, /ipns/… or /ipfs/… path", example = "docs.ipfs.tech")
        String target) {
}
