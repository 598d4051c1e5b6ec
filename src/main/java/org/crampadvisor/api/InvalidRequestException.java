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

    public List<FieldError> errors() {
        return errors;
    }
}
