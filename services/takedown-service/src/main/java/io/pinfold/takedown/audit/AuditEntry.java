package io.pinfold.takedown.audit;

import java.util.Map;
import java.util.Objects;

/**
 * What a caller asks the trail to record: who ({@code actor}: a token id and role, or "public"), what kind of
 * action, on what ({@code subject}: a notice id, a denylist entry key), why ({@code reason}) and the action's
 * fields ({@code details}: strings, booleans, whole numbers, nulls, lists and maps of those).
 */
public record AuditEntry(String actor, AuditAction action, String subject, String reason, Map<String, ?> details) {
    static final int MAX_ACTOR = 200;
    static final int MAX_SUBJECT = 500;
    static final int MAX_REASON = 4000;

    public AuditEntry {
        Objects.requireNonNull(action, "action: required");
        actor = text("actor", actor, MAX_ACTOR);
        if (actor.isEmpty()) {
            throw new IllegalArgumentException("actor: required; use \"public\" for an anonymous request");
        }
        subject = text("subject", subject == null ? "" : subject, MAX_SUBJECT);
        reason = text("reason", reason == null ? "" : reason, MAX_REASON);
        details = details == null ? Map.of() : details;
    }

    private static String text(String field, String value, int max) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters, got " + value.length());
        }
        // PostgreSQL text cannot hold NUL, and a lone surrogate has no UTF-8 form: either would change what is hashed.
        CanonicalJson.requireStorable(field, value);
        return value;
    }
}
