package org.crampadvisor.console;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.crampadvisor.security.SignInThrottle;

import java.time.Duration;
import java.util.Optional;

/**
 * Guards the console's sign-in form ({@code POST /console/j_security_check}) before any password is
 * checked: the form must carry the CSRF token of the sign-in page that showed it (so that another site
 * cannot sign a browser in under the attacker's account), and a user name or address that failed too often
 * must wait, as on the API. Quarkus's form mechanism reads the form itself, so the gate sits where the form
 * has been read: as the first identity provider asked, refusing or passing the request on to the real ones.
 * The browser then lands on the sign-in page told why.
 */
@ApplicationScoped
public class SignInGate implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final String POST_LOCATION = "/console/j_security_check";
    private static final String REFUSAL = SignInGate.class.getName() + ".refusal";
    private static final String EXPIRED = "expired=true";

    private final SignInThrottle throttle;

    SignInGate(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        // Before DemoAccounts (2000) and the configured users (1001): nothing is checked once refused here.
        return 3000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (http == null || !isSignInForm(http)) {
            return Uni.createFrom().nullItem();
        }
        if (!ConsoleCsrf.accept(http, http.request().formAttributes().get(ConsoleCsrf.FIELD))) {
            return refuse(http, EXPIRED);
        }
        Optional<Duration> wait = throttle.waitFor(request.getUsername(), SignInThrottle.address(http.request()));
        if (wait.isPresent()) {
            return refuse(http, "wait=" + SignInThrottle.seconds(wait.get()));
        }
        http.put(SignInThrottle.ATTEMPTED_USER, request.getUsername());
        return Uni.createFrom().nullItem();
    }

    private static Uni<SecurityIdentity> refuse(RoutingContext http, String reason) {
        http.put(REFUSAL, reason);
        // No credentials were checked: this refusal must not count as a failed sign-in of the user.
        http.put(SignInThrottle.NOT_CHECKED, Boolean.TRUE);
        return Uni.createFrom().failure(new AuthenticationFailedException());
    }

    /** The form mechanism sends a refused sign-in to the error page; a refusal of the gate says why instead. */
    void install(@Observes Router router) {
        router.route(POST_LOCATION).method(HttpMethod.POST).order(ConsoleEdge.ORDER + 1).handler(context -> {
            HttpServerResponse response = context.response();
            context.addHeadersEndHandler(v -> {
                String reason = context.get(REFUSAL);
                if (reason != null && (response.getStatusCode() == 302 || response.getStatusCode() == 303)) {
                    response.headers().set(HttpHeaders.LOCATION, "/console/sign-in?" + reason);
                }
            });
            context.next();
        });
    }

    private static boolean isSignInForm(RoutingContext http) {
        return http.request().method() == HttpMethod.POST && POST_LOCATION.equals(http.normalizedPath());
    }
}
