package org.crampadvisor.model;

/**
 * Inserted by a cause rule: one finding that supports one cause.
 *
 * <p>Rules give the finding's code, not its wording: the text is rendered from
 * {@code rules/tables/findings.csv} with the facts the rule matched, when the firing is traced, so
 * that a clinician changes the wording or the language without touching a rule.
 *
 * @param cause     the cause the finding supports
 * @param certainty how strongly it supports it
 * @param finding   a short stable code for the finding (e.g. {@code low-potassium}); advice rules match on it
 * @param basis     the kind of input the finding rests on
 * @param text      the finding in words, as shown to the clinician; {@code null} until rendered
 */
public record CauseEvidence(CauseCode cause, Certainty certainty, String finding, Basis basis, String text) {

    public static CauseEvidence likely(CauseCode cause, String finding, Basis basis) {
        return new CauseEvidence(cause, Certainty.LIKELY, finding, basis, null);
    }

    public static CauseEvidence possible(CauseCode cause, String finding, Basis basis) {
        return new CauseEvidence(cause, Certainty.POSSIBLE, finding, basis, null);
    }

    /**
     * With the wording written in the rule. Rulesets from before the findings table used these, and
     * every archived version must stay replayable; new rules leave the wording to the table.
     */
    public static CauseEvidence likely(CauseCode cause, String finding, Basis basis, String text) {
        return new CauseEvidence(cause, Certainty.LIKELY, finding, basis, text);
    }

    /** See {@link #likely(CauseCode, String, Basis, String)}. */
    public static CauseEvidence possible(CauseCode cause, String finding, Basis basis, String text) {
        return new CauseEvidence(cause, Certainty.POSSIBLE, finding, basis, text);
    }

    /** The same evidence with its rendered wording. */
    public CauseEvidence withText(String rendered) {
        return new CauseEvidence(cause, certainty, finding, basis, rendered);
    }
}
