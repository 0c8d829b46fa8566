package io.pinfold.events.node;

import io.pinfold.events.validation.FieldChecks;
import io.pinfold.events.validation.Violation;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules for where a node sits and how much it may hold (region, zone, capacity, tags): shared by the event and by
 * pin-service's registration endpoint, so the API refuses exactly what the contract would.
 */
public final class PlacementFields {

    /** Regions and zones are DNS-label-like ("eu-west-1", "eu-west-1a"): they end up in metric labels. */
    public static final Pattern LOCATION = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** Tag keys and values follow Kubernetes label syntax (a value may be empty), so they can be copied both ways. */
    public static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
    public static final Pattern TAG_VALUE = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?");
    public static final int MAX_TAGS = 16;

    private PlacementFields() {
    }

    public static FieldChecks check(FieldChecks checks, String region, String zone, Long capacityBytes, Map<String, String> tags) {
        String location = "1-63 lower-case letters, digits or '-', starting and ending with a letter or digit";
        checks.matches("region", region, LOCATION, location)
                .matches("zone", zone, LOCATION, location)
                .atLeast("capacityBytes", capacityBytes, 1)
                .size("tags", tags, MAX_TAGS);
        if (tags != null) {
            tags.forEach((key, value) -> {
                if (key == null || !TAG_KEY.matcher(key).matches()) {
                    checks.add("tags", "key " + quote(key) + " must be 1-63 letters, digits, '.', '_' or '-',"
                            + " starting and ending with a letter or digit");
                } else if (value == null || !TAG_VALUE.matcher(value).matches()) {
                    checks.add("tags." + key, "must be at most 63 letters, digits, '.', '_' or '-', starting and ending"
                            + " with a letter or digit, was " + quote(value));
                }
            });
        }
        return checks;
    }

    private static String quote(String value) {
        return value == null ? "null" : Violation.quote(value);
    }
}
