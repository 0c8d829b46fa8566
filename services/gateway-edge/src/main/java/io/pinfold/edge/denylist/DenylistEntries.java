package io.pinfold.edge.denylist;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current denylist as pinfold.denylist holds it: each entry key's latest record, a tombstone removes the
 * key. Kept as the records' bytes for now; enforcement (matching requests against the entries) builds on it.
 */
@ApplicationScoped
public class DenylistEntries {
    private final Map<String, byte[]> entries = new ConcurrentHashMap<>();

    /** The latest record of an entry key; null is a tombstone: the entry was removed. */
    public void apply(String key, byte[] value) {
        if (key == null) {
            return; // the contract keys every denylist record by its entry; a keyless record names nothing
        }
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
    }

    public Optional<byte[]> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public int size() {
        return entries.size();
    }
}
