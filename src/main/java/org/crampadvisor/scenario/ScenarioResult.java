package org.crampadvisor.scenario;

import org.crampadvisor.evaluation.EvaluationRequest;

import java.util.List;
import java.util.Set;

/**
 * How one scenario fared.
 *
 * @param file       the scenario file, relative to the scenarios folder
 * @param name       the scenario's name, or the file name when the file could not be read
 * @param failures   each expectation that did not hold, as "expected ..., but ..."; empty when it passed
 * @param rulesFired the rules that fired, for coverage
 * @param line       for a file that could not be read, where the mistake is (1-based), when known
 * @param column     likewise
 * @param given      the patient facts of the scenario, or {@code null} when the file could not be read
 */
public record ScenarioResult(String file, String name, List<String> failures, Set<String> rulesFired, Integer line,
                             Integer column, EvaluationRequest given) {

    public ScenarioResult(String file, String name, List<String> failures, Set<String> rulesFired,
                          EvaluationRequest given) {
        this(file, name, failures, rulesFired, null, null, given);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
