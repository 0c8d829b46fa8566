package io.pinfold.takedown.imports;

/** The list is refused whole, nothing changes: {@code rule} names the check that refused it, the message says why. */
public final class NotADenylistException extends RuntimeException {
    private final String rule;

    public NotADenylistException(String rule, String why) {
        super(why);
        this.rule = rule;
    }

    /** {@code html}, {@code not-text}, {@code header}, {@code no-rules}, {@code empty}, {@code too-large}. */
    public String rule() {
        return rule;
    }
}
