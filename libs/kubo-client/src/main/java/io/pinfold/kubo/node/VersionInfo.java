package io.pinfold.kubo.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;

/** The Kubo build a node runs ({@code version}). */
public record VersionInfo(String version, String commit, String repo, String system, String golang) {

    public static VersionInfo from(JsonNode json) {
        return new VersionInfo(JsonFields.text(json, "Version"), JsonFields.text(json, "Commit"),
                JsonFields.text(json, "Repo"), JsonFields.text(json, "System"), JsonFields.text(json, "Golang"));
    }
}
