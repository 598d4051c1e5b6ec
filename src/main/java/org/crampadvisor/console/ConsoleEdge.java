package org.crampadvisor.console;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The console's HTTP edge: {@code /} leads to the console, and every console answer carries headers
 * that keep it from being framed, sniffed, cached or made to run scripts it did not ship.
 */
@ApplicationScoped
public class ConsoleEdge {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Before authentication (-200), so that a redirect to the sign-in page carries them too. */
    static final int ORDER = -260;

    void install(@Observes Router router) {
        router.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD).order(ORDER).handler(ConsoleEdge::toConsole);
        router.route("/console*").order(ORDER).handler(ConsoleEdge::secure);
        router.route("/webjars/*").order(ORDER).handler(ConsoleEdge::secure);
    }

    private static void toConsole(RoutingContext context) {
        context.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, "/console").end();
    }

    private static void secure(RoutingContext context) {
        HttpServerResponse response = context.response();
        response.headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Frame-Options", "DENY")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "same-origin")
                .set("Cross-Origin-Opener-Policy", "same-origin");
        if (!context.request().path().startsWith("/console/static/") && !context.request().path().startsWith("/webjars/")) {
            // Pages show patient facts: never kept by the browser or a proxy.
            response.headers().set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        context.next();
    }
}
