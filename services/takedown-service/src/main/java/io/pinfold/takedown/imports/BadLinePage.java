package io.pinfold.takedown.imports;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run's bad lines in line order; pass {@code next} as {@code after} for the following page (absent on the last). */
@Schema(name = "ImportBadLinePage")
public record BadLinePage(List<BadLine> badLines, Long next) {
}
