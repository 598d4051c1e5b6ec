package org.crampadvisor.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.config.AdvisorConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The three demo accounts of SPEC section 7 (user = password = role), so that the README's commands
 * work on a fresh machine. They are checked before the configured users and exist only while
 * {@code advisor.security.demo-users} is true; {@link LoopbackGuard} refuses to start with them on a
 * non-loopback address. Any other user name is left to the configured users.
 */
@ApplicationScoped
public class DemoAccounts implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final Set<String> NAMES = Set.of("requester", "auditor", "rule-admin");

    private final boolean enabled;

    DemoAccounts(AdvisorConfig config) {
        this.enabled = config.security().demoUsers();
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        // Before the configured users' provider, whose default priority is 1001: a demo name is settled here.
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String user = request.getUsername();
        if (!enabled || !NAMES.contains(user)) {
            return Uni.createFrom().nullItem();
        }
        byte[] expected = user.getBytes(StandardCharsets.UTF_8);
        byte[] given = new String(request.getPassword().getPassword()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user))
                .addRole(user)
                .build());
    }
}
