package io.pinfold.pin.admission;

import io.pinfold.runtime.rest.RequestRejected;

/** The words every admission refusal starts with, and the REST answer for a pin request a rule refuses. */
public final class AdmissionRefused {
    public static final String PREFIX = "admission rule ";

    private AdmissionRefused() {
    }

    /** 422 naming the field and the rule, e.g. "cid: admission rule allowedCodecs: the root's codec raw is not one of [dag-pb]". */
    public static RequestRejected of(ContentRules.Refusal refusal) {
        return new RequestRejected(422, "ADMISSION_REFUSED", "cid: " + refusal.describe());
    }

    /** The rule named in a reason that starts with {@link #PREFIX}, or null. */
    public static String ruleIn(String reason) {
        if (reason == null || !reason.startsWith(PREFIX)) {
            return null;
        }
        int colon = reason.indexOf(':', PREFIX.length());
        return colon < 0 ? null : reason.substring(PREFIX.length(), colon);
    }
}
