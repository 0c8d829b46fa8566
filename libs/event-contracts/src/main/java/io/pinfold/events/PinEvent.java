package io.pinfold.events;

/**
 * An event in the life of one pin (pin.requested, pin.removed, pin.replaced, pin.status-changed). Its Kafka key is
 * the pin's request id ({@link #pinId()}), so a pin's whole life stays in one partition, in order, and two pins of
 * the same content (two tenants, say) never wait on each other. The content's identity travels in the data:
 * {@link #cid()}, whose multihash ({@code CidShape.multihashBase32}) is what blocking and GC match on.
 */
public interface PinEvent extends ContentEvent, SelfKeyedEvent {

    /** The pin's request id (the Pinning Service API's {@code requestid}). */
    String pinId();

    @Override
    default String recordKey() {
        return pinId();
    }
}
