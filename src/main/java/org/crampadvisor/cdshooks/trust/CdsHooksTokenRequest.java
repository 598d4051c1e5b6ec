package org.crampadvisor.cdshooks.trust;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A CDS Hooks call's bearer token, to be verified against the URL that was called.
 *
 * @param authorization the {@code Authorization} header as received
 * @param calledUrl     the full URL called, the token's {@code aud}
 */
public final class CdsHooksTokenRequest extends BaseAuthenticationRequest {

    private final String authorization;
    private final String calledUrl;

    public CdsHooksTokenRequest(String authorization, String calledUrl) {
        this.authorization = authorization;
        this.calledUrl = calledUrl;
    }

    public String authorization() {
        return authorization;
    }

    public String calledUrl() {
        return calledUrl;
    }

    @Override
    public String toString() {
        return "CdsHooksTokenRequest[" + calledUrl + "]"; // never the token
    }
}
