package io.pinfold.pin.tenant;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** The operator's admin token: given (PINFOLD_PIN_ADMIN_TOKEN) or generated once into a file. */
@ConfigMapping(prefix = "pinfold.admin")
public interface AdminConfig {

    /** The admin token; its hash is stored at start. Absent: one is generated at first start. */
    Optional<String> token();

    /** Where a generated admin token is written (mode 600); never read back. */
    Path tokenFile();
}
