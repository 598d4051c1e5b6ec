package org.crampadvisor.engine;

import java.util.List;
import java.util.Map;

/**
 * For each rule, the scenarios that make it fire: how well the scenarios of the rules folder test it.
 *
 * @param scenariosByRule rule name to the scenarios in which it fired, in scenario file order
 * @param patients        the patient of each scenario that passed, in file order: the examples the console offers
 */
public record RuleCoverage(Map<String, List<Scenario>> scenariosByRule, List<ScenarioPatient> patients) {

    /** Before any scenario has run. */
    public static final RuleCoverage UNKNOWN = new RuleCoverage(Map.of(), List.of());

    /** A scenario by its file (relative to the rules folder) and its name. */
    public record Scenario(String file, String name) {
    }

    /** A scenario's patient facts, as the JSON body of an evaluation request. */
    public record ScenarioPatient(String file, String name, String requestJson) {
    }

    public RuleCoverage {
        scenariosByRule = Map.copyOf(scenariosByRule);
        patients = List.copyOf(patients);
    }

    public List<Scenario> scenariosFiring(String rule) {
        return scenariosByRule.getOrDefault(rule, List.of());
    }
}
