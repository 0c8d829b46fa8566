package io.pinfold.takedown.notice;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reviewer's decision on a received notice. */
@Schema(name = "Decision")
public record DecisionRequest(
        @Schema(required = true, enumeration = {"accept", "reject"}) String decision,
        @Schema(description = "accept only: the positions of the targets to block (default: all); the others are rejected", example = "[0, 2]")
        List<Integer> targets,
        @Schema(required = true, maxLength = 4000, description = "Why; kept in the audit trail and on pinfold.takedowns") String reason) {
}
