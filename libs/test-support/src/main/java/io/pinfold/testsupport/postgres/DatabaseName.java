package io.pinfold.testsupport.postgres;

import java.util.UUID;
import java.util.regex.Pattern;

/** Database names tests may ask for: plain identifiers, so they need no quoting anywhere. */
final class DatabaseName {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseName() {
    }

    static String checked(String name) {
        if (name == null || !PLAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("database name '" + name
                    + "': use 1 to 63 characters a-z, 0-9 and _, not starting with a digit");
        }
        return name;
    }

    static String random() {
        return "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
