package io.pinfold.gc.access;

import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The one bearer scheme of gc-service's API, declared once for OpenAPI; resources refer to it by {@link #SCHEME}. */
@SecurityScheme(securitySchemeName = OperatorOnly.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The operator token (pinfold.admin.token): Authorization: Bearer pf_…")
public final class OperatorOnly {
    public static final String SCHEME = "bearer";

    private OperatorOnly() {
    }
}
