package io.pinfold.takedown.imports;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every configured source, by name. */
@Schema(name = "ImportSourceList")
public record SourceList(List<SourceView> sources) {
}
