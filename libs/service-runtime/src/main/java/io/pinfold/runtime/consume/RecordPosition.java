package io.pinfold.runtime.consume;

/** Where a record sits in its topic: the only order Pinfold's consumers trust (never an event's clock). */
public record RecordPosition(String topic, int partition, long offset) {

    @Override
    public String toString() {
        return topic + " partition " + partition + " offset " + offset;
    }
}
