package io.pinfold.events.takedown;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pinfold.events.JsonEnum;

/** What kind of notice was filed. */
public enum NoticeKind implements JsonEnum {
    /** A copyright notice (DMCA or similar). */
    DMCA,
    /** An abuse report: malware, phishing, illegal content. */
    ABUSE;

    @JsonCreator
    public static NoticeKind fromJson(String value) {
        return JsonEnum.parse(values(), value, "notice kind");
    }
}
