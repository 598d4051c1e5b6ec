package org.crampadvisor.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.model.Certainty;

import java.util.List;
import java.util.Map;

/**
 * A clinician-written check of the rules: given these facts, expect these causes and this advice, and
 * optionally why.
 *
 * @param file  the scenario file, relative to the scenarios folder
 * @param name  what the scenario shows, in words
 * @param given the request, exactly as a client would post it
 * @param expect what the answer must contain
 */
public record Scenario(String file, String name, EvaluationRequest given, Expectation expect) {

    /**
     * What the answer must hold. Each part is checked only when the scenario states it.
     *
     * @param causes        the exact causes, each with its certainty and optionally its findings
     *                      ({@code {}} for none)
     * @param advice        the exact advice, each a code or a code with its reasons
     * @param withheld      the exact advice withheld, each a code or a code with its reasons ({@code []} for none)
     * @param unrecognized  the exact values returned as unrecognized
     * @param rulesFired    rules that must fire
     * @param rulesNotFired rules that must not fire
     */
    public record Expectation(Map<CauseCode, CauseExpectation> causes, List<AdviceExpectation> advice,
                              List<AdviceExpectation> withheld, List<String> unrecognized, List<String> rulesFired,
                              List<String> rulesNotFired) {

        boolean isEmpty() {
            return causes == null && advice == null && withheld == null && unrecognized == null && rulesFired == null
                    && rulesNotFired == null;
        }
    }

    /**
     * What one cause must be: written as its certainty ({@code likely}), or as an object that also names
     * why ({@code { certainty: likely, findings: [low-potassium] }}).
     *
     * @param certainty the certainty, or {@code null} for any
     * @param findings  the exact finding codes behind it (codes, not wording, so that rewording the
     *                  findings table never breaks a scenario), or {@code null} when not checked
     * @param text      phrases that must each appear in one of its findings, where the wording itself is
     *                  what the scenario specifies, or {@code null}
     */
    public record CauseExpectation(Certainty certainty, List<String> findings, List<String> text) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public CauseExpectation {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static CauseExpectation of(String certainty) {
            return new CauseExpectation(Scenario.constant(Certainty.class, certainty), null, null);
        }
    }

    /**
     * What one piece of advice (given or withheld) must be: written as its code ({@code HYDRATE}), or as
     * an object that also names the reasons ({@code { code: HYDRATE, because: [LOW_SODIUM] }}).
     *
     * @param code    the advice code
     * @param because the exact reasons (cause codes, triggers or contraindication reasons), or {@code null}
     *                when not checked
     */
    public record AdviceExpectation(AdviceCode code, List<String> because) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public AdviceExpectation {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static AdviceExpectation of(String code) {
            return new AdviceExpectation(Scenario.constant(AdviceCode.class, code), null);
        }
    }

    /** The constant a scenario names, as written in answers ({@code likely}, {@code HYDRATE}). */
    private static <E extends Enum<E>> E constant(Class<E> type, String written) {
        for (E constant : type.getEnumConstants()) {
            String shown = constant instanceof Certainty certainty ? certainty.code() : constant.name();
            if (shown.equals(written)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + written + "' is not allowed; use one of " + java.util.Arrays.stream(
                type.getEnumConstants()).map(c -> c instanceof Certainty certainty ? certainty.code() : c.name())
                .collect(java.util.stream.Collectors.joining(", ")));
    }
}
