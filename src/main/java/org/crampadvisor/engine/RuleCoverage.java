package org.crampadvisor.engine;

import java.util.List;
import java.util.Map;

/**
 * For each rule, the scenarios that make it fire: how well the scenarios of the rules folder test it.
 *
 * @param scenariosByRule rule name to the scenarios in which it fired, in scenario file order
 */
public record RuleCoverage(Map<String, List<Scenario>> scenariosByRule) {

    /** Before any scenario has run. */
    public static final RuleCoverage UNKNOWN = new RuleCoverage(Map.of());

    /** A scenario by its file (relative to the rules folder) and its name. */
    public record Scenario(String file, String name) {
    }

    public RuleCoverage {
        scenariosByRule = Map.copyOf(scenariosByRule);
    }

    public List<Scenario> scenariosFiring(String rule) {
        return scenariosByRule.getOrDefault(rule, List.of());
    }
}
