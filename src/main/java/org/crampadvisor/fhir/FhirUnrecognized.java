package org.crampadvisor.fhir;

/**
 * EHR data the mapping did not use, in the shape of SPEC section 8:
 * {@code { "field": "Observation/123", "value": "<system>|<code> <display>", "reason": "..." }}.
 */
public record FhirUnrecognized(String field, String value, String reason) {
}
