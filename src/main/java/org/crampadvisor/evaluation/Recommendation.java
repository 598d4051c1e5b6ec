package org.crampadvisor.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.crampadvisor.engine.TraceEntry;
import org.crampadvisor.explain.MissingInput;
import org.crampadvisor.explain.WhyNot;
import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.model.Certainty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The traced recommendation of SPEC section 3: causes and advice, each naming the rules that produced
 * it, advice withheld as harmful in the patient's state, the inputs the rules could have used but were
 * not given ({@code missingInputs}), why each absent cause was not concluded when asked ({@code whyNot},
 * otherwise left out), and the trace of every firing with the facts it matched and inserted.
 */
public record Recommendation(String evaluationId, Instant evaluatedAt, String rulesetVersion,
                             List<Cause> causes, List<Advice> advice, List<Withheld> withheld,
                             List<Unrecognized> unrecognized,
                             List<MissingInput> missingInputs,
                             @JsonInclude(JsonInclude.Include.NON_NULL) List<WhyNot> whyNot,
                             List<TraceEntry> trace, String disclaimer) {

    public static final String DISCLAIMER = "Decision support only; not a diagnosis. "
            + "A healthcare professional must interpret these suggestions for the individual patient.";

    /** The rules that fired, each once, in firing order. */
    public Set<String> rulesFired() {
        Set<String> rules = new LinkedHashSet<>();
        trace.forEach(firing -> rules.add(firing.rule()));
        return rules;
    }

    /** The codes of the causes found, in answer order. */
    public Set<String> causeCodes() {
        Set<String> codes = new LinkedHashSet<>();
        causes.forEach(cause -> codes.add(cause.code().name()));
        return codes;
    }

    /** The codes of the advice given, in answer order. */
    public Set<String> adviceCodes() {
        Set<String> codes = new LinkedHashSet<>();
        advice.forEach(a -> codes.add(a.code().name()));
        return codes;
    }

    public record Cause(CauseCode code, String title, Certainty certainty, List<String> findings, List<String> rules) {
    }

    public record Advice(AdviceCode code, String text, List<String> because, List<String> rules) {
    }

    /**
     * Advice that would have been given but is held back because it would harm in the patient's state.
     *
     * @param because the reason codes (e.g. {@code LOW_SODIUM}), every one that applies
     * @param rules   the contraindication rules that withheld it
     */
    public record Withheld(AdviceCode code, List<String> because, List<String> rules) {
    }

    /** The codes of the advice withheld, in answer order. */
    public Set<String> withheldCodes() {
        Set<String> codes = new LinkedHashSet<>();
        withheld.forEach(w -> codes.add(w.code().name()));
        return codes;
    }

    /**
     * Something the rules could not use: a name the catalogues do not know (not an error), or EHR data that
     * failed the service's checks (SPEC section 8: {@code field} the FHIR resource, {@code value}
     * {@code <system>|<code> <display>}, and why in {@code reason}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Unrecognized(String field, String value, String reason) {

        public Unrecognized(String field, String value) {
            this(field, value, null);
        }
    }

    /** The same answer with more entries in {@code unrecognized}, after its own (e.g. EHR data the mapping left out). */
    public Recommendation withUnrecognized(List<Unrecognized> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Unrecognized> all = new ArrayList<>(unrecognized);
        all.addAll(more);
        return new Recommendation(evaluationId, evaluatedAt, rulesetVersion, causes, advice, withheld, List.copyOf(all),
                missingInputs, whyNot, trace, disclaimer);
    }
}
