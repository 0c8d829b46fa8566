package io.pinfold.edge.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinfold.denylist.DenylistEntry;
import io.pinfold.runtime.rest.ApiError;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The answers the edge writes itself, all in the one Pinfold error shape: blocked content (the entry's 410 or 451,
 * naming the notice, and the legal reason with a 451), bad requests (400) and upstream trouble (502, 503, 504).
 */
@ApplicationScoped
public class GatewayAnswers {
    private final ObjectMapper json;

    public GatewayAnswers(ObjectMapper json) {
        this.json = json;
    }

    public void blocked(HttpServerResponse response, String what, DenylistEntry entry) {
        int status = entry.status();
        String notice = entry.hints().notice().map(id -> " (notice " + id + ")").orElse("");
        String details;
        if (status == 451) {
            details = what + " is unavailable for legal reasons" + entry.hints().legalReason().map(reason -> ": " + reason).orElse("") + notice;
        } else {
            details = what + " is blocked by the operator's denylist" + notice;
        }
        // A block may be lifted: no cache may keep this answer.
        response.putHeader("Cache-Control", "no-store");
        write(response, status, status == 451 ? "UNAVAILABLE_FOR_LEGAL_REASONS" : "GONE", details);
    }

    public void error(HttpServerResponse response, int status, String reason, String details) {
        response.putHeader("Cache-Control", "no-store");
        write(response, status, reason, details);
    }

    private void write(HttpServerResponse response, int status, String reason, String details) {
        String body;
        try {
            body = json.writeValueAsString(ApiError.of(reason, details));
        } catch (JsonProcessingException e) {
            body = "{\"error\":{\"reason\":\"" + reason + "\"}}";
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("X-Content-Type-Options", "nosniff")
                .end(body);
    }
}
