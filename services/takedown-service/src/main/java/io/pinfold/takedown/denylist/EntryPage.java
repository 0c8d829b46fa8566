package io.pinfold.takedown.denylist;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of denylist entries; pass {@code next} as {@code after} for the following page (absent on the last). */
@Schema(name = "DenylistEntryPage")
public record EntryPage(List<EntryView> entries, String next) {
}
