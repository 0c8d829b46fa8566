package io.pinfold.takedown.imports;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Runs, newest first; pass {@code next} as {@code before} for the following page (absent on the last). */
@Schema(name = "ImportRunPage")
public record RunPage(List<RunView> runs, String next) {
}
