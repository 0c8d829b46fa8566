package io.pinfold.takedown.notice;

import io.pinfold.denylist.Hints;
import io.pinfold.events.takedown.NoticeKind;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The legal basis a notice invokes. A copyright notice or a court order is a legal reason: the gateway answers
 * 451 Unavailable For Legal Reasons and the entry carries the basis as its legal-reason hint; every other block
 * answers 410 Gone (CSAM included: the answer should not say why).
 */
public enum LegalBasis {
    DMCA("dmca", true, NoticeKind.DMCA),
    ABUSE("abuse", false, NoticeKind.ABUSE),
    MALWARE("malware", false, NoticeKind.MALWARE),
    CSAM("csam", false, NoticeKind.CSAM),
    COURT_ORDER("court-order", true, NoticeKind.COURT_ORDER),
    OTHER("other", false, NoticeKind.OTHER);

    private final String code;
    private final boolean legal;
    private final NoticeKind kind;

    LegalBasis(String code, boolean legal, NoticeKind kind) {
        this.code = code;
        this.legal = legal;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public NoticeKind kind() {
        return kind;
    }

    /** 451 for a legal reason, else 410. */
    public int status() {
        return legal ? Hints.UNAVAILABLE_FOR_LEGAL_REASONS : Hints.GONE;
    }

    /** The legal-reason hint of the entry: the basis when it is a legal one, else null. */
    public String legalReason() {
        return legal ? code : null;
    }

    public static LegalBasis fromCode(String code) {
        for (LegalBasis basis : values()) {
            if (basis.code.equals(code)) {
                return basis;
            }
        }
        throw new IllegalArgumentException("must be one of " + codes() + ", got '" + code + "'");
    }

    public static String codes() {
        return Arrays.stream(values()).map(LegalBasis::code).collect(Collectors.joining(", "));
    }
}
