package org.crampadvisor.cdshooks.http;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.crampadvisor.api.EdgeProblems;
import org.crampadvisor.api.PathBodyLimit;
import org.crampadvisor.cdshooks.trust.CdsHooksAuthenticationMechanism;
import org.crampadvisor.config.CdsHooksConfig;

import java.util.List;
import java.util.Set;

/**
 * The HTTP edge of {@code /cds-services}: CORS for browser-based EHRs such as the CDS Hooks sandbox (these
 * paths only, origins from {@code advisor.cds-hooks.cors-origins}), the larger body limit for prefetched
 * FHIR data, and a refused token answered as a 401 problem with a {@code Bearer} challenge, before the
 * body is read.
 */
@ApplicationScoped
public class CdsHooksEdge {

    /** The discovery endpoint and everything under it, nothing else. */
    static final String PATHS = CdsHooksAuthenticationMechanism.CDS_SERVICES + "(/.*)?";
    /** Before authentication (-200): a preflight needs no token. */
    static final int ORDER = -300;
    static final String UNAUTHORIZED = "a CDS Hooks call needs Authorization: Bearer <JWT> signed by a trusted EHR, "
            + "for this URL, with a fresh jti and an exp at most 5 minutes ahead (docs/api.md, CDS Hooks)";

    private final EdgeProblems problems;
    private final List<String> corsOrigins;

    CdsHooksEdge(EdgeProblems problems, CdsHooksConfig config) {
        this.problems = problems;
        this.corsOrigins = config.corsOrigins().orElse(List.of()).stream().map(String::strip)
                .filter(o -> !o.isEmpty()).toList();
    }

    @Produces
    PathBodyLimit cdsServicesBodyLimit(CdsHooksConfig config) {
        return new PathBodyLimit(CdsHooksAuthenticationMechanism.CDS_SERVICES, config.maxBodySize().asLongValue());
    }

    void install(@Observes Router router) {
        router.routeWithRegex(PATHS).order(ORDER - 1).handler(this::bearerChallenge);
        if (!corsOrigins.isEmpty()) {
            CorsHandler cors = CorsHandler.create().addOrigins(corsOrigins)
                    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
                    .allowedHeaders(Set.of("Authorization", "Content-Type"))
                    // The sandbox is a public https page; a service on the user's own machine is a private network.
                    .allowPrivateNetwork(true)
                    .maxAgeSeconds(600);
            router.routeWithRegex(PATHS).order(ORDER).handler(cors).failureHandler(this::originRefused);
        }
        router.routeWithRegex(PATHS).order(Integer.MIN_VALUE).failureHandler(this::authenticationFailed);
    }

    /**
     * Every 401 of these paths names the scheme that works here, whichever layer answered it; a CORS
     * preflight (answered by the CORS handler) names the methods of the path, as every OPTIONS answer does.
     */
    private void bearerChallenge(RoutingContext context) {
        HttpServerResponse response = context.response();
        boolean options = context.request().method() == HttpMethod.OPTIONS;
        String path = context.request().path();
        context.addHeadersEndHandler(v -> {
            if (response.getStatusCode() == 401) {
                response.headers().set("WWW-Authenticate", "Bearer");
            }
            if (options && response.getStatusCode() == 204 && !response.headers().contains("Allow")) {
                boolean discovery = path.equals(CdsHooksAuthenticationMechanism.CDS_SERVICES)
                        || path.equals(CdsHooksAuthenticationMechanism.CDS_SERVICES + "/");
                response.headers().set("Allow", discovery ? "GET, OPTIONS" : "POST, OPTIONS");
            }
        });
        context.next();
    }

    /** The CORS handler refuses an origin it does not know with 403 and a "CORS Rejected" failure. */
    private void originRefused(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.statusCode() == 403 && (failure == null || failure instanceof io.vertx.core.VertxException
                && failure.getMessage() != null && failure.getMessage().startsWith("CORS Rejected"))) {
            problems.send(context, 403, "Forbidden", "this origin may not call /cds-services; the allowed origins are "
                    + "set by advisor.cds-hooks.cors-origins");
            return;
        }
        context.next();
    }

    private void authenticationFailed(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof AuthenticationCompletionException
                || failure instanceof UnauthorizedException) {
            problems.send(context, 401, "Unauthorized", UNAUTHORIZED);
            return;
        }
        context.next();
    }
}
