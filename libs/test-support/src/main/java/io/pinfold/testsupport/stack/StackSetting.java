package io.pinfold.testsupport.stack;

import java.util.Optional;

/**
 * A PINFOLD_* setting naming a part that already runs (./pinfold test exports them). The environment
 * wins; a system property of the same name serves IDE runs, where setting the environment is awkward.
 */
public final class StackSetting {

    private StackSetting() {
    }

    public static Optional<String> of(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public static String orDefault(String name, String fallback) {
        return of(name).orElse(fallback);
    }
}
