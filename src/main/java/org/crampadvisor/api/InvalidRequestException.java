package org.crampadvisor.api;

import org.crampadvisor.evaluation.FieldError;

import java.util.List;

/** A request refused for its content, with each field that is wrong. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    /** A POST without a body: evaluations and the benchmark baseline refuse it alike. */
    static InvalidRequestException emptyBody() {
        return new InvalidRequestException("the body is empty; send a JSON object ({} when nothing is known)",
                List.of(new FieldError("", "a JSON object is required")));
    }

    /** A {@code cursor} query parameter that no listing of this service issued (or that was altered). */
    static InvalidRequestException unknownCursor() {
        return new InvalidRequestException("invalid query parameters",
                List.of(new FieldError("cursor", "is not a cursor this service issued; use nextCursor as given")));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
