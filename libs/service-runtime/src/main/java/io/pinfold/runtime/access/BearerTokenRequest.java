package io.pinfold.runtime.access;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token taken from a request, on its way to {@link BearerIdentityProvider}. */
public final class BearerTokenRequest extends BaseAuthenticationRequest {
    private final BearerToken token;

    public BearerTokenRequest(BearerToken token) {
        this.token = token;
    }

    public BearerToken token() {
        return token;
    }
}
