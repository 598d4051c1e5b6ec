package org.crampadvisor.scenario;

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
 */
public record ScenarioResult(String file, String name, List<String> failures, Set<String> rulesFired, Integer line,
                             Integer column) {

    public ScenarioResult(String file, String name, List<String> failures, Set<String> rulesFired) {
        this(file, name, failures, rulesFired, null, null);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
