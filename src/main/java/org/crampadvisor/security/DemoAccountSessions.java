package org.crampadvisor.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.config.AdvisorConfig;

/**
 * A demo account already signed in to the console: form authentication keeps only the user name in its
 * encrypted cookie and asks for the identity again with each request, without the password. Configured
 * users are answered by their own realm; a demo name is answered here, while demo accounts are enabled.
 */
@ApplicationScoped
public class DemoAccountSessions implements IdentityProvider<TrustedAuthenticationRequest> {

    private final boolean enabled;

    DemoAccountSessions(AdvisorConfig config) {
        this.enabled = config.security().demoUsers();
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        String user = request.getPrincipal();
        if (!enabled || !DemoAccounts.NAMES.contains(user)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user))
                .addRole(user)
                .build());
    }
}
