package io.pinfold.gc.run;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "GcRunPage", description = "Runs, newest first; pass next as before to read the following page")
public record RunPage(List<GcRunView> runs,
                      @Schema(description = "Cursor for the next page (absent on the last page)") String next) {
}
