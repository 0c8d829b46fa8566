package io.pinfold.events.takedown;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pinfold.events.JsonEnum;

/** The legal basis a notice invokes; DMCA and court orders are legal reasons (the gateway answers 451). */
public enum NoticeKind implements JsonEnum {
    /** A copyright notice (DMCA or similar). */
    DMCA,
    /** An abuse report: phishing, spam, harassment. */
    ABUSE,
    /** Malware or a malicious site. */
    MALWARE,
    /** Child sexual abuse material. */
    CSAM,
    /** An order of a court or authority. */
    COURT_ORDER,
    /** Anything else, explained in the description. */
    OTHER;

    @JsonCreator
    public static NoticeKind fromJson(String value) {
        return JsonEnum.parse(values(), value, "notice kind");
    }
}
