package io.pinfold.events.kafka;

import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.events.validation.Violation;
import java.util.List;

/** The verdict on one consumed record: a valid event, a removal (tombstone), or a rejection with reasons. */
public sealed interface Validation {

    /** The record is a valid event. */
    record Accepted(EventEnvelope<EventData> event) implements Validation {
    }

    /** A tombstone on a compacted topic: the entry with this key is gone. */
    record Removal(String key) implements Validation {
    }

    /** The record breaks the contract; it belongs on the dead-letter topic with {@link #reason()}. */
    record Rejected(List<Violation> violations) implements Validation {

        public Rejected {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one violation");
            }
        }

        /** Every violation as {@code field: reason}, joined by "; ": the dead-letter reason. */
        public String reason() {
            return InvalidEventException.describe(violations);
        }

        public InvalidEventException toException() {
            return new InvalidEventException(violations);
        }
    }
}
