package org.crampadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Problem answers written at the HTTP edge, before a request reaches an endpoint (and so before the
 * JAX-RS exception mappers could write them): the same {@link Problem} shape as everywhere else.
 */
@ApplicationScoped
public class EdgeProblems {

    private final ObjectMapper json;

    EdgeProblems(ObjectMapper json) {
        this.json = json;
    }

    /** Answers with a problem; the connection stays open for the next request. */
    public void send(RoutingContext context, int status, String title, String detail) {
        write(context, status, title, detail, false);
    }

    /**
     * Answers with a problem and closes the connection: the rest of the body was not read, so the
     * connection cannot carry another request.
     */
    public void sendAndClose(RoutingContext context, int status, String title, String detail) {
        write(context, status, title, detail, true);
    }

    private void write(RoutingContext context, int status, String title, String detail, boolean close) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(new Problem("about:blank", title, status, detail, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always serialisable", e);
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            response.end(body).onComplete(done -> context.request().connection().close());
        } else {
            response.end(body);
        }
    }
}
