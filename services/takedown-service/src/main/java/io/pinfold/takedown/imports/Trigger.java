package io.pinfold.takedown.imports;

/** What started a run. */
public enum Trigger {
    SCHEDULE("schedule"),
    ON_DEMAND("on-demand"),
    UPLOAD("upload");

    private final String code;

    Trigger(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
