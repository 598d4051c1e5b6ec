package org.crampadvisor.scenario;

import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.model.Certainty;

import java.util.List;
import java.util.Map;

/**
 * A clinician-written check of the rules: given these facts, expect these causes and this advice.
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
     * @param causes        the exact causes with their certainty ({@code {}} for none)
     * @param advice        the exact advice codes
     * @param unrecognized  the exact values returned as unrecognized
     * @param rulesFired    rules that must fire
     * @param rulesNotFired rules that must not fire
     */
    public record Expectation(Map<CauseCode, Certainty> causes, List<AdviceCode> advice, List<String> unrecognized,
                              List<String> rulesFired, List<String> rulesNotFired) {

        boolean isEmpty() {
            return causes == null && advice == null && unrecognized == null && rulesFired == null
                    && rulesNotFired == null;
        }
    }
}
