package io.pinfold.events.pin;

import io.pinfold.events.validation.FieldChecks;
import java.util.List;
import java.util.Map;

/** The rules shared by pin.requested and pin.replaced, the two events that describe a whole pin. */
final class PinFields {

    static final int MAX_REPLICATION = 16;
    static final int MAX_NAME = 255;
    static final int MAX_ORIGINS = 20;
    static final int MAX_META = 64;

    private PinFields() {
    }

    static FieldChecks check(String pinId, String tenant, String cid, String name, List<String> origins,
                             Map<String, String> meta, Integer replication) {
        FieldChecks checks = FieldChecks.start()
                .required("pinId", pinId).identifier("pinId", pinId)
                .required("tenant", tenant).identifier("tenant", tenant)
                .required("cid", cid).cid("cid", cid)
                .text("name", name, MAX_NAME)
                .size("origins", origins, 0, MAX_ORIGINS)
                .size("meta", meta, MAX_META)
                .between("replication", replication, 1, MAX_REPLICATION);
        List<String> originList = origins == null ? List.of() : origins;
        for (int i = 0; i < originList.size(); i++) {
            String origin = originList.get(i);
            String field = "origins[" + i + "]";
            checks.required(field, origin).noWhitespace(field, origin, 1024);
            if (origin != null && !origin.startsWith("/")) {
                checks.add(field, "must be a multiaddr starting with '/', was '" + origin + "'");
            }
        }
        Map<String, String> metaMap = meta == null ? Map.of() : meta;
        metaMap.forEach((key, value) -> checks
                .that(key != null, "meta", "keys must not be null")
                .text("meta", key, 128)
                .required("meta." + key, value)
                .that(value == null || value.length() <= 1024, "meta." + key, "must be at most 1024 characters"));
        return checks;
    }
}
