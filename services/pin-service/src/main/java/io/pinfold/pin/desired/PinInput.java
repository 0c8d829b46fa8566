package io.pinfold.pin.desired;

import io.pinfold.events.validation.FieldChecks;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.events.validation.Violation;
import io.pinfold.ipfs.cid.Cid;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a pin request asks for (the Pinning Service API's Pin object), from REST or from a pin.requested event. One
 * set of rules for both entry points: {@link #violations()} names every bad field.
 *
 * @param cid     the content, any CID form; kept as the requester wrote it (the API returns it unchanged)
 * @param name    optional, at most 255 characters
 * @param origins multiaddrs ending in /p2p/&lt;peer id&gt;, at most 20, no repeats
 * @param meta    string keys and values, at most 64 entries, keys up to 128 and values up to 1024 characters
 */
public record PinInput(String cid, String name, List<String> origins, Map<String, String> meta) {
    public static final int MAX_NAME = 255;
    public static final int MAX_ORIGINS = 20;
    public static final int MAX_META_ENTRIES = 64;
    public static final int MAX_META_KEY = 128;
    public static final int MAX_META_VALUE = 1024;

    public PinInput {
        origins = origins == null ? List.of() : origins;
        meta = meta == null ? Map.of() : meta;
    }

    /** Every problem with this request, each as {@code field: reason}; empty when it is good. */
    public List<Violation> violations() {
        FieldChecks checks = FieldChecks.start()
                .required("cid", cid).cid("cid", cid)
                .text("name", name, MAX_NAME)
                .size("origins", origins, 0, MAX_ORIGINS)
                .size("meta", meta, MAX_META_ENTRIES);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < origins.size(); i++) {
            String origin = origins.get(i);
            String field = "origins[" + i + "]";
            if (origin == null) {
                checks.add(field, "must not be null");
                continue;
            }
            OriginAddress.problem(origin).ifPresent(problem -> checks.add(field, problem));
            if (!seen.add(origin)) {
                checks.add(field, "repeats '" + origin + "' (origins must be unique)");
            }
        }
        meta.forEach((key, value) -> {
            if (key == null || key.isEmpty()) {
                checks.add("meta", "keys must not be empty");
            } else if (key.length() > MAX_META_KEY) {
                checks.add("meta", "key '" + key.substring(0, 32) + "…' is longer than " + MAX_META_KEY + " characters");
            } else if (value == null) {
                checks.add("meta." + key, "must be a string, was null");
            } else if (value.length() > MAX_META_VALUE) {
                checks.add("meta." + key, "must be at most " + MAX_META_VALUE + " characters, was " + value.length());
            }
        });
        return checks.violations();
    }

    /** @throws InvalidEventException naming every bad field */
    public PinInput checked() {
        List<Violation> problems = violations();
        if (!problems.isEmpty()) {
            throw new InvalidEventException(problems);
        }
        return this;
    }

    public Cid parsedCid() {
        return Cid.parse(cid);
    }
}
