package io.pinfold.events.takedown;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.pinfold.events.JsonEnum;
import java.util.Arrays;

/** What kind of notice was filed. */
public enum NoticeKind implements JsonEnum {
    /** A copyright notice (DMCA or similar). */
    DMCA("dmca"),
    /** An abuse report: malware, phishing, illegal content. */
    ABUSE("abuse");

    private final String json;

    NoticeKind(String json) {
        this.json = json;
    }

    @JsonValue
    @Override
    public String json() {
        return json;
    }

    @JsonCreator
    public static NoticeKind fromJson(String value) {
        return Arrays.stream(values()).filter(v -> v.json.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown notice kind '" + value + "'"));
    }
}
