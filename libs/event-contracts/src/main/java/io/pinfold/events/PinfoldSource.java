package io.pinfold.events;

/** The CloudEvents {@code source} of each Pinfold service; outside publishers choose their own. */
public enum PinfoldSource {
    PIN_SERVICE("/pinfold/pin-service"),
    GC_SERVICE("/pinfold/gc-service"),
    TAKEDOWN_SERVICE("/pinfold/takedown-service"),
    GATEWAY_EDGE("/pinfold/gateway-edge");

    private final String uri;

    PinfoldSource(String uri) {
        this.uri = uri;
    }

    /** The value of the {@code ce_source} header, a URI reference. */
    public String uri() {
        return uri;
    }
}
