package io.pinfold.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An enum written in JSON as a fixed lower-case word: the constant's name in lower case with '-' for '_'
 * (DRAINING → {@code draining}, STATUS_CHANGED → {@code status-changed}).
 */
public interface JsonEnum {

    String name();

    /** The JSON value of this constant. */
    @JsonValue
    default String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code values} written as {@code value}; the error names {@code what} was expected. */
    static <E extends JsonEnum> E parse(E[] values, String value, String what) {
        for (E candidate : values) {
            if (candidate.json().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + value + "'");
    }
}
