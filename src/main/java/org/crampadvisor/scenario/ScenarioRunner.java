package org.crampadvisor.scenario;

import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.model.Certainty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Runs scenarios against a ruleset and says, for each, what did not hold. */
public final class ScenarioRunner {

    private final Evaluator evaluator = new Evaluator();

    /** Runs every scenario file of the folder; a file that cannot be read is a failed scenario. */
    public List<ScenarioResult> runAll(Ruleset ruleset, Path scenariosFolder) {
        List<ScenarioResult> results = new ArrayList<>();
        try {
            for (Path file : ScenarioLoader.scenarioFiles(scenariosFolder)) {
                results.add(run(ruleset, ScenarioLoader.load(scenariosFolder, file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results;
    }

    public ScenarioResult run(Ruleset ruleset, ScenarioLoader.Loaded loaded) {
        if (loaded.scenario() == null) {
            return new ScenarioResult(loaded.file(), loaded.file(), List.of(loaded.error()), Set.of());
        }
        return run(ruleset, loaded.scenario());
    }

    public ScenarioResult run(Ruleset ruleset, Scenario scenario) {
        Recommendation answer;
        try {
            answer = evaluator.evaluate(scenario.given(), ruleset);
        } catch (RuntimeException e) {
            return new ScenarioResult(scenario.file(), scenario.name(),
                    List.of("the evaluation failed: " + e.getMessage()), Set.of());
        }
        Set<String> fired = answer.rulesFired();
        List<String> failures = new ArrayList<>();
        Scenario.Expectation expect = scenario.expect();
        if (expect.causes() != null) {
            Map<CauseCode, Certainty> actual = new TreeMap<>();
            answer.causes().forEach(c -> actual.put(c.code(), c.certainty()));
            Map<CauseCode, Certainty> expected = new TreeMap<>(expect.causes());
            if (!actual.equals(expected)) {
                failures.add("expected causes " + describe(expected) + ", but got " + describe(actual));
            }
        }
        if (expect.advice() != null) {
            Set<AdviceCode> actual = new TreeSet<>();
            answer.advice().forEach(a -> actual.add(a.code()));
            Set<AdviceCode> expected = new TreeSet<>(expect.advice());
            if (!actual.equals(expected)) {
                failures.add("expected advice " + expected + ", but got " + actual);
            }
        }
        if (expect.unrecognized() != null) {
            List<String> actual = answer.unrecognized().stream().map(Recommendation.Unrecognized::value).sorted().toList();
            List<String> expected = expect.unrecognized().stream().sorted().toList();
            if (!actual.equals(expected)) {
                failures.add("expected unrecognized " + expected + ", but got " + actual);
            }
        }
        Set<String> known = new TreeSet<>();
        ruleset.rules().forEach(r -> known.add(r.name()));
        for (String rule : orEmpty(expect.rulesFired())) {
            if (!known.contains(rule)) {
                failures.add("expected rule '" + rule + "' to fire, but the ruleset has no rule of that name");
            } else if (!fired.contains(rule)) {
                failures.add("expected rule '" + rule + "' to fire, but it did not; fired: " + fired);
            }
        }
        for (String rule : orEmpty(expect.rulesNotFired())) {
            if (!known.contains(rule)) {
                failures.add("expected rule '" + rule + "' not to fire, but the ruleset has no rule of that name");
            } else if (fired.contains(rule)) {
                failures.add("expected rule '" + rule + "' not to fire, but it did");
            }
        }
        return new ScenarioResult(scenario.file(), scenario.name(), List.copyOf(failures), Set.copyOf(fired));
    }

    private static String describe(Map<CauseCode, Certainty> causes) {
        if (causes.isEmpty()) {
            return "none";
        }
        Map<String, String> shown = new LinkedHashMap<>();
        causes.forEach((code, certainty) -> shown.put(code.name(), certainty.code()));
        return shown.toString();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
