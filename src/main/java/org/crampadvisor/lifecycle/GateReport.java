package org.crampadvisor.lifecycle;

import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetProblem;
import org.crampadvisor.scenario.ScenarioResult;

import java.time.Duration;
import java.util.List;

/**
 * What the gate found in a candidate ruleset.
 *
 * @param folder           the rules folder checked
 * @param candidateVersion the version its files hash to, or {@code null} when the folder could not be read
 * @param ruleset          the compiled candidate with its scenario coverage, or {@code null} when it does not compile
 * @param errors           every problem that keeps it from being activated
 * @param warnings         what an author should look at but that does not keep it out (a rule no scenario fires)
 * @param scenarios        how each scenario fared; empty when it did not compile
 * @param duration         how long the whole check took
 */
public record GateReport(String folder, String candidateVersion, Ruleset ruleset, List<RulesetProblem> errors,
                         List<RulesetProblem> warnings, List<ScenarioResult> scenarios, Duration duration) {

    public GateReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        scenarios = List.copyOf(scenarios);
    }

    /** Compiles, keeps the conventions, and passes every scenario. */
    public boolean passed() {
        return ruleset != null && errors.isEmpty();
    }

    public long scenariosPassed() {
        return scenarios.stream().filter(ScenarioResult::passed).count();
    }

    public long scenariosFailed() {
        return scenarios.size() - scenariosPassed();
    }
}
