package io.pinfold.takedown.notice;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of notices, oldest first; pass {@code next} as {@code after} for the following page (absent on the last). */
@Schema(name = "NoticePage")
public record NoticePage(List<NoticeView> notices, String next) {
}
