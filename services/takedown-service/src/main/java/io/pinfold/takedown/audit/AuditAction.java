package io.pinfold.takedown.audit;

/** The kinds of action the audit trail records; {@link #code()} is what is stored and hashed. */
public enum AuditAction {
    NOTICE_RECEIVED("notice.received"),
    NOTICE_DECIDED("notice.decided"),
    COUNTER_NOTICE_RECEIVED("counter-notice.received"),
    NOTICE_RESTORED("notice.restored"),
    NOTICE_UPHELD("notice.upheld"),
    DENYLIST_IMPORTED("denylist.imported"),
    DENYLIST_IMPORT_SOURCE_SAVED("denylist.import-source-saved"),
    DENYLIST_ENTRY_EDITED("denylist.entry-edited"),
    DENYLIST_ENTRY_ADDED("denylist.entry-added"),
    DENYLIST_ENTRY_REMOVED("denylist.entry-removed"),
    TOKEN_ISSUED("token.issued"),
    TOKEN_REVOKED("token.revoked");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
