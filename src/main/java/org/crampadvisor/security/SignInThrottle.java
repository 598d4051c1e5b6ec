package org.crampadvisor.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthenticationSuccessEvent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Slows repeated failed sign-ins down, per user name and per client address, so that passwords cannot
 * be guessed at network speed: after a few failures in a row the user name (or the address) must wait,
 * twice as long after each further failure, up to {@code max-delay}; a success clears the user name.
 * Nobody is locked out for ever: failures are forgotten after {@code max-delay}. Quarkus security has
 * no such throttle; this one learns of failures from its authentication events and stays bounded in
 * memory.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final Logger LOG = Logger.getLogger(SignInThrottle.class);

    /**
     * Request attribute: the user name a sign-in without Basic credentials (the console's form) was tried
     * with, for the failure to count against it.
     */
    public static final String ATTEMPTED_USER = SignInThrottle.class.getName() + ".user";

    /** Request attribute: the sign-in was refused before its credentials were checked; not a failure of its user. */
    public static final String NOT_CHECKED = SignInThrottle.class.getName() + ".not-checked";

    private final FailureBackoff users;
    private final FailureBackoff addresses;

    @Inject
    SignInThrottle(SignInThrottleConfig config) {
        this(config, Clock.systemUTC());
    }

    SignInThrottle(SignInThrottleConfig config, Clock clock) {
        this.users = new FailureBackoff(config.userFreeFailures(), config.firstDelay(), config.maxDelay(),
                config.maxTracked(), clock);
        this.addresses = new FailureBackoff(config.addressFreeFailures(), config.firstDelay(), config.maxDelay(),
                config.maxTracked(), clock);
    }

    /** How long a sign-in as {@code user} (may be null) from {@code address} must still wait, if at all. */
    public Optional<Duration> waitFor(String user, String address) {
        Optional<Duration> byAddress = addresses.waitFor(address);
        Optional<Duration> byUser = user == null ? Optional.empty() : users.waitFor(user);
        if (byAddress.isEmpty()) {
            return byUser;
        }
        return byUser.isEmpty() || byAddress.get().compareTo(byUser.get()) > 0 ? byAddress : byUser;
    }

    void failed(String user, String address) {
        if (user != null) {
            users.failed(user);
        }
        addresses.failed(address);
    }

    void succeeded(String user) {
        users.succeeded(user);
    }

    void onFailure(@Observes AuthenticationFailureEvent event) {
        // Only wrong credentials count; a request without any is asked for them, not punished.
        if (!(event.getAuthenticationFailure() instanceof AuthenticationFailedException)) {
            return;
        }
        routingContext(event.getEventProperties().values()).ifPresent(context -> {
            if (context.get(NOT_CHECKED) != null) {
                return;
            }
            String user = basicUser(context.request().getHeader("Authorization"));
            failed(user != null ? user : context.get(ATTEMPTED_USER), address(context.request()));
            LOG.debugf("Failed sign-in from %s", address(context.request()));
        });
    }

    void onSuccess(@Observes AuthenticationSuccessEvent event) {
        if (event.getSecurityIdentity() != null && !event.getSecurityIdentity().isAnonymous()) {
            succeeded(event.getSecurityIdentity().getPrincipal().getName());
        }
    }

    /** The user name of HTTP Basic credentials, or null when there are none or they cannot be read. */
    public static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    /** A wait as the whole seconds of a {@code Retry-After}, rounded up, at least 1. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static Optional<RoutingContext> routingContext(Iterable<Object> properties) {
        for (Object value : properties) {
            if (value instanceof RoutingContext context) {
                return Optional.of(context);
            }
        }
        return Optional.empty();
    }
}
