package org.crampadvisor.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.Comparator;
import java.util.List;

/**
 * Reads every request body on the event loop, whole and size-limited, before the request is
 * dispatched to an endpoint, so that no worker thread ever waits for a slow client. The JAX-RS layer
 * then reads the body from memory. A body larger than its path's limit is refused with 413, one that
 * has not arrived within {@code advisor.http.body-timeout} with 408, one in a content encoding with
 * 415; each closes the connection, since the rest of the body was never read. A client that goes
 * away mid-body is no fault of ours: one line at DEBUG.
 */
@ApplicationScoped
public class RequestBodies {

    private static final Logger LOG = Logger.getLogger(RequestBodies.class);

    /**
     * After authentication (-200) and path authorisation (-100), so that a refused sign-in costs no
     * body; before Quarkus's own upload limit (-2) and every endpoint.
     */
    static final int ORDER = -50;
    private static final String DEADLINE = RequestBodies.class.getName() + ".deadline";

    private record Limit(PathBodyLimit path, BodyHandler reader) {
    }

    private final Vertx vertx;
    private final EdgeProblems problems;
    private final long timeoutMillis;
    private final Limit defaultLimit;
    private final List<Limit> pathLimits;

    RequestBodies(Vertx vertx, EdgeProblems problems, HttpEdgeConfig config, Instance<PathBodyLimit> pathLimits) {
        this.vertx = vertx;
        this.problems = problems;
        this.timeoutMillis = config.bodyTimeout().toMillis();
        this.defaultLimit = limit(new PathBodyLimit("/", config.maxBodySize().asLongValue()));
        this.pathLimits = pathLimits.stream()
                .sorted(Comparator.comparingInt((PathBodyLimit p) -> p.pathPrefix().length()).reversed())
                .map(RequestBodies::limit).toList();
    }

    private static Limit limit(PathBodyLimit path) {
        // No file uploads: nothing here takes files, and none should land on disk.
        return new Limit(path, BodyHandler.create(false).setBodyLimit(path.maxBytes()));
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::readBody).failureHandler(this::bodyFailed);
        router.route().order(ORDER + 1).handler(this::bodyRead);
    }

    private void readBody(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.path().startsWith("/q/") || !hasBody(request)) {
            context.next();
            return;
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            problems.sendAndClose(context, 415, "Unsupported Media Type",
                    "bodies are accepted without a Content-Encoding only; send the JSON uncompressed");
            return;
        }
        Limit limit = limitFor(request.path());
        context.put(DEADLINE, vertx.setTimer(timeoutMillis, id -> timedOut(context)));
        context.put(Limit.class.getName(), limit);
        limit.reader().handle(context);
    }

    private void bodyRead(RoutingContext context) {
        cancelDeadline(context);
        context.next();
    }

    private void timedOut(RoutingContext context) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        problems.sendAndClose(context, 408, "Request Timeout", "the request body did not arrive within "
                + (timeoutMillis % 1000 == 0 ? timeoutMillis / 1000 + " s" : timeoutMillis + " ms")
                + "; send the whole body (at most " + describe(limitOf(context)) + ") with the request");
    }

    private void bodyFailed(RoutingContext context) {
        cancelDeadline(context);
        if (context.response().ended()) {
            return;
        }
        if (context.response().closed() || isDisconnect(context.failure())) {
            LOG.debugf("Client closed the connection while sending a body to %s", context.request().path());
            return;
        }
        if (context.statusCode() == 413) {
            problems.sendAndClose(context, 413, "Content Too Large", "the body is larger than "
                    + describe(limitOf(context)) + ", the limit for " + context.request().path());
            return;
        }
        context.next();
    }

    private Limit limitFor(String path) {
        return pathLimits.stream().filter(l -> l.path().covers(path)).findFirst().orElse(defaultLimit);
    }

    private Limit limitOf(RoutingContext context) {
        Limit limit = context.get(Limit.class.getName());
        return limit != null ? limit : limitFor(context.request().path());
    }

    private void cancelDeadline(RoutingContext context) {
        Long timer = context.remove(DEADLINE);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        if (request.isEnded()) {
            return false;
        }
        if (request.version() == HttpVersion.HTTP_2 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return true;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null && !length.strip().equals("0");
    }

    private static boolean isDisconnect(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpClosedException || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Limit limit) {
        long bytes = limit.path().maxBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
