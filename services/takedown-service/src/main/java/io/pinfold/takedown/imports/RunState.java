package io.pinfold.takedown.imports;

/** How a run ended (or that it has not yet). */
public enum RunState {
    RUNNING("running"),
    /** The list was read and applied: entries added, removed or found unchanged. */
    COMPLETED("completed"),
    /** The server answered 304 to the conditional GET: nothing read, nothing changed. */
    NOT_MODIFIED("not-modified"),
    /** The list is not a denylist (the run names the rule and why): nothing changed. */
    REFUSED("refused"),
    /** The list could not be fetched or read, or the run stopped; batches it committed stay, the next run reconciles. */
    FAILED("failed");

    private final String code;

    RunState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
