package io.pinfold.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a batch (in seq order) into waves that hold at most one event per key: the first event of each key,
 * then the second, and so on, each wave in seq order. The relay publishes a wave only after the one before it
 * was acknowledged whole, so when a send fails, no later event of that key has been handed to the broker.
 * (The idempotent producer alone would not do: after a batch times out it resets the partition's sequence and
 * sends the next ones, so a key's later event could land while the earlier one waits in the outbox.)
 */
final class KeyWaves {

    private KeyWaves() {
    }

    static List<List<PendingEvent>> of(List<PendingEvent> batch) {
        Map<String, Integer> eventsPerKey = new HashMap<>();
        List<List<PendingEvent>> waves = new ArrayList<>();
        for (PendingEvent event : batch) {
            int wave = eventsPerKey.merge(event.orderingKey(), 1, Integer::sum) - 1;
            if (wave == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(event);
        }
        return waves;
    }
}
