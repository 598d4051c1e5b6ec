package org.crampadvisor.model;

/**
 * Inserted by a cause rule: one finding that supports one cause.
 *
 * @param cause     the cause the finding supports
 * @param certainty how strongly it supports it
 * @param finding   a short stable code for the finding (e.g. {@code low-potassium}); advice rules match on it
 * @param basis     the kind of input the finding rests on
 * @param text      the finding in words, as shown to the clinician
 */
public record CauseEvidence(CauseCode cause, Certainty certainty, String finding, Basis basis, String text) {

    public static CauseEvidence likely(CauseCode cause, String finding, Basis basis, String text) {
        return new CauseEvidence(cause, Certainty.LIKELY, finding, basis, text);
    }

    public static CauseEvidence possible(CauseCode cause, String finding, Basis basis, String text) {
        return new CauseEvidence(cause, Certainty.POSSIBLE, finding, basis, text);
    }
}
