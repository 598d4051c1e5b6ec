package org.crampadvisor.fhir;

/**
 * An input the rules can use that the EHR data did not give, for the card's "not assessed" part.
 *
 * @param input  the request path, as in SPEC section 3's {@code missingInputs} ({@code labs[analyte=magnesium]},
 *               {@code hydration}, {@code medications})
 * @param reason why it is not there, in words
 */
public record NotAssessed(String input, String reason) {
}
