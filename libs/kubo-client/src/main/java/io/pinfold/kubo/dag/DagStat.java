package io.pinfold.kubo.dag;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Size of one or more DAGs ({@code dag stat}): per root, and over all roots with shared blocks
 * counted once.
 */
public record DagStat(long uniqueBlocks, long totalSize, long sharedSize, double ratio, List<Root> roots) {

    /** One DAG: its blocks and their total size. */
    public record Root(String cid, long size, long blocks) {}

    public static DagStat from(JsonNode json) {
        List<Root> roots = new ArrayList<>();
        json.path("DagStats").forEach(node -> roots.add(
                new Root(JsonFields.cid(node, "Cid"), JsonFields.number(node, "Size"), JsonFields.number(node, "NumBlocks"))));
        return new DagStat(JsonFields.number(json, "UniqueBlocks"), JsonFields.number(json, "TotalSize"),
                JsonFields.number(json, "SharedSize"), JsonFields.decimal(json, "Ratio"), List.copyOf(roots));
    }
}
