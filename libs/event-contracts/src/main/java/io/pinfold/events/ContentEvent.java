package io.pinfold.events;

/**
 * An event about one piece of content: its subject is {@link #cid()}. The content's identity is the multihash of
 * that CID ({@link io.pinfold.events.validation.CidShape#multihashBase32}, i.e.
 * {@code Cid.parse(cid).multihash().toBase32()} of {@code io.pinfold.ipfs.cid}), whatever the CID's version, base
 * or codec. Pin events are keyed by their pin ({@link PinEvent}), not by the content.
 */
public interface ContentEvent extends EventData {

    /** The content's CID, as a string in any CID form (Pinfold writes the canonical one). */
    String cid();

    @Override
    default String subject() {
        return cid();
    }
}
