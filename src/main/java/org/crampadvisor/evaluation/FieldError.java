package org.crampadvisor.evaluation;

/**
 * One thing wrong with a request.
 *
 * @param field   the field as the client wrote it, e.g. {@code labs[0].unit}; empty for the body as a whole
 * @param message what is wrong and what is allowed
 */
public record FieldError(String field, String message) {
}
