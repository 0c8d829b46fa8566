package io.pinfold.kubo.repo;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;

/** The node's storage ({@code repo stat}): bytes used and allowed, blocks, where and which version. */
public record RepoStat(long repoSize, long storageMax, long numObjects, String repoPath, String version) {

    public static RepoStat from(JsonNode json) {
        return new RepoStat(unsigned(json, "RepoSize"), unsigned(json, "StorageMax"), unsigned(json, "NumObjects"),
                JsonFields.text(json, "RepoPath"), JsonFields.text(json, "Version"));
    }

    // Kubo sends uint64; "no limit" is 2^64-1, which does not fit a long: read it as Long.MAX_VALUE.
    private static long unsigned(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value != null && value.isBigInteger() && value.bigIntegerValue().bitLength() > 63) {
            return Long.MAX_VALUE;
        }
        return JsonFields.number(json, field);
    }
}
