package org.crampadvisor.cdshooks.trust;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Turns a verified CDS Hooks token into the caller's identity: the principal is the token's issuer (the
 * EHR), with the one role {@value #CDS_CLIENT}. Verification may fetch an issuer's JWKS, so it runs off
 * the event loop.
 */
@ApplicationScoped
public class CdsHooksIdentityProvider implements IdentityProvider<CdsHooksTokenRequest> {

    /** The role of a caller authenticated by a CDS Hooks token; no configured user ever has it. */
    public static final String CDS_CLIENT = "cds-client";
    /** The identity attribute holding the {@link CdsHooksTokenVerifier.VerifiedToken}. */
    public static final String TOKEN = CdsHooksTokenVerifier.VerifiedToken.class.getName();

    private static final Logger LOG = Logger.getLogger(CdsHooksIdentityProvider.class);

    private final CdsHooksTrust trust;

    CdsHooksIdentityProvider(CdsHooksTrust trust) {
        this.trust = trust;
    }

    @Override
    public Class<CdsHooksTokenRequest> getRequestType() {
        return CdsHooksTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CdsHooksTokenRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            CdsHooksTokenVerifier.VerifiedToken token;
            try {
                token = trust.verifier().verify(request.authorization(), request.calledUrl());
            } catch (TokenRejectedException e) {
                // For the operator; the caller learns only 401 (which check failed would help an attacker).
                LOG.infof("CDS Hooks call to %s refused: %s", request.calledUrl(), e.reason());
                throw new AuthenticationFailedException("the CDS Hooks token was refused");
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(token.issuer()))
                    .addRole(CDS_CLIENT).addAttribute(TOKEN, token).build();
        });
    }
}
