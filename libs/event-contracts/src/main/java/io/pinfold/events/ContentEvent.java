package io.pinfold.events;

/**
 * An event about one piece of content. Its Kafka key is the multihash of {@link #cid()} in base32
 * (lower case, no multibase prefix), so all events about the same content, whatever the CID's
 * version, base or codec, land on one partition in order:
 * {@link io.pinfold.events.validation.CidShape#multihashBase32}, which is
 * {@code Cid.parse(cid).multihash().toBase32()} of {@code io.pinfold.ipfs.cid}.
 */
public interface ContentEvent extends EventData {

    /** The content's CID, as a string in any CID form (Pinfold writes the canonical one). */
    String cid();

    @Override
    default String subject() {
        return cid();
    }
}
