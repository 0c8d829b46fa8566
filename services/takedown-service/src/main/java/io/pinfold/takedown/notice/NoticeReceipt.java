package io.pinfold.takedown.notice;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the complainant gets back: the notice's id and how each target was read. */
@Schema(name = "NoticeReceipt")
public record NoticeReceipt(UUID id, NoticeState state, OffsetDateTime receivedAt, List<TargetView> targets) {
}
