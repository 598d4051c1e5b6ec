package org.crampadvisor.api;

import org.crampadvisor.logging.StackTraces;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * The last word on a failure in the HTTP layer of the API (and of /cds-services), outside any endpoint: a 500 problem with a
 * reference, never a stack trace, and a log entry with exception types and frames only (messages may
 * quote request content). Failures that an earlier handler understands never get here.
 */
@ApplicationScoped
public class UnexpectedFailures {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailures.class);

    private final EdgeProblems problems;

    UnexpectedFailures(EdgeProblems problems) {
        this.problems = problems;
    }

    void install(@Observes Router router) {
        // After every other handler of the router, before Quarkus's own error page (the last route).
        router.routeWithRegex("/api/.*|/cds-services(/.*)?").order(100_000).failureHandler(this::failed);
    }

    private void failed(RoutingContext context) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        int status = context.statusCode();
        if (context.failure() == null && status >= 400 && status < 500) {
            problems.send(context, status, context.response().getStatusMessage(), "the request cannot be served as sent");
            return;
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf("Request failed, reference %s: %s", reference, StackTraces.withoutMessages(context.failure()));
        problems.send(context, 500, "Internal Server Error",
                "the request could not be completed; quote reference " + reference + " when reporting it");
    }
}
