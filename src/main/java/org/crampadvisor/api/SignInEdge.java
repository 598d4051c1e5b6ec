package org.crampadvisor.api;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.crampadvisor.security.SignInThrottle;

import java.time.Duration;
import java.util.Optional;

/**
 * Sign-in at the HTTP edge of the API ({@code /api/}): a user name or address that failed too often
 * must wait (429 with {@code Retry-After}) before its credentials are even checked; a refused sign-in
 * is a 401 problem; and every 401 carries exactly one challenge, whichever layer answered it.
 */
@ApplicationScoped
public class SignInEdge {

    /** After CORS (-300), before authentication (-200). */
    static final int ORDER = -250;
    static final String BASIC_CHALLENGE = "Basic realm=\"cramp-advisor\", charset=\"UTF-8\"";
    private static final String API = "/api/";

    private final SignInThrottle throttle;
    private final EdgeProblems problems;

    SignInEdge(SignInThrottle throttle, EdgeProblems problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route(API + "*").order(ORDER).handler(this::beforeAuthentication);
        router.route(API + "*").order(Integer.MIN_VALUE).failureHandler(this::authenticationFailed);
    }

    private void beforeAuthentication(RoutingContext context) {
        HttpServerResponse response = context.response();
        context.addHeadersEndHandler(v -> {
            if (response.getStatusCode() == 401) {
                response.headers().set("WWW-Authenticate", BASIC_CHALLENGE);
            }
        });
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            Optional<Duration> wait = throttle.waitFor(SignInThrottle.basicUser(authorization),
                    SignInThrottle.address(context.request()));
            if (wait.isPresent()) {
                long seconds = SignInThrottle.seconds(wait.get());
                response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                problems.send(context, 429, "Too Many Requests", "too many failed sign-ins for this user or from this "
                        + "address; try again in " + seconds + " s");
                return;
            }
        }
        context.next();
    }

    private void authenticationFailed(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof AuthenticationCompletionException
                || failure instanceof UnauthorizedException) {
            problems.send(context, 401, "Unauthorized", "authenticate with HTTP Basic credentials");
            return;
        }
        context.next();
    }
}
