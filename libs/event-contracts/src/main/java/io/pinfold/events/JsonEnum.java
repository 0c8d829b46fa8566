package io.pinfold.events;

/** An enum written in JSON as a fixed lower-case word, e.g. {@code draining}. */
public interface JsonEnum {

    /** The JSON value of this constant. */
    String json();
}
