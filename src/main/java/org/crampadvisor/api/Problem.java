package org.crampadvisor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.evaluation.FieldError;

import java.util.List;

/**
 * An error answer as RFC 9457 describes it ({@code application/problem+json}). {@code errors} lists
 * each field that is wrong when the request was refused for its content.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    public static Response response(Response.Status status, String detail) {
        return response(status.getStatusCode(), status.getReasonPhrase(), detail, null);
    }

    public static Response invalidRequest(String detail, List<FieldError> errors) {
        return response(400, "Invalid request", detail, errors);
    }

    public static Response response(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", title, status, detail, errors)).build();
    }
}
