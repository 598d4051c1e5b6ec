package org.crampadvisor.scenario;

import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.TraceEntry;
import org.crampadvisor.engine.TracedFact;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.model.CauseEvidence;
import org.crampadvisor.model.Certainty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
            return new ScenarioResult(loaded.file(), loaded.file(), List.of(loaded.error()), Set.of(), loaded.line(),
                    loaded.column(), null);
        }
        return run(ruleset, loaded.scenario());
    }

    public ScenarioResult run(Ruleset ruleset, Scenario scenario) {
        Recommendation answer;
        try {
            answer = evaluator.evaluate(scenario.given(), ruleset);
        } catch (RuntimeException e) {
            return new ScenarioResult(scenario.file(), scenario.name(),
                    List.of("the evaluation failed: " + e.getMessage()), Set.of(), scenario.given());
        }
        Set<String> fired = answer.rulesFired();
        List<String> failures = new ArrayList<>();
        checkEachCodeOnce(answer, failures);
        Scenario.Expectation expect = scenario.expect();
        if (expect.causes() != null) {
            checkCauses(expect.causes(), answer, failures);
        }
        if (expect.advice() != null) {
            Map<AdviceCode, List<String>> actual = new TreeMap<>();
            answer.advice().forEach(a -> actual.put(a.code(), a.because()));
            checkAdvice("advice", expect.advice(), actual, failures);
        }
        if (expect.withheld() != null) {
            Map<AdviceCode, List<String>> actual = new TreeMap<>();
            answer.withheld().forEach(w -> actual.put(w.code(), w.because()));
            checkAdvice("withheld advice", expect.withheld(), actual, failures);
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
        return new ScenarioResult(scenario.file(), scenario.name(), List.copyOf(failures), Set.copyOf(fired),
                scenario.given());
    }

    /** SPEC section 2: each cause and each piece of advice at most once, checked on the lists as answered. */
    static void checkEachCodeOnce(Recommendation answer, List<String> failures) {
        reportDuplicates("cause", answer.causes().stream().map(c -> c.code().name()).toList(), failures);
        reportDuplicates("advice", answer.advice().stream().map(a -> a.code().name()).toList(), failures);
        reportDuplicates("withheld advice", answer.withheld().stream().map(w -> w.code().name()).toList(), failures);
        List<String> both = answer.advice().stream().map(a -> a.code().name())
                .filter(answer.withheldCodes()::contains).toList();
        if (!both.isEmpty()) {
            failures.add("expected advice to be either given or withheld, but " + both + " is both");
        }
    }

    private static void reportDuplicates(String what, List<String> codes, List<String> failures) {
        Set<String> seen = new TreeSet<>();
        for (String code : codes) {
            if (!seen.add(code)) {
                failures.add("expected each " + what + " at most once, but " + code + " appears more than once in " + codes);
            }
        }
    }

    private static void checkCauses(Map<CauseCode, Scenario.CauseExpectation> expected, Recommendation answer,
                                    List<String> failures) {
        Map<CauseCode, Recommendation.Cause> actual = new TreeMap<>();
        answer.causes().forEach(c -> actual.put(c.code(), c));
        Map<CauseCode, Certainty> expectedCertainty = new TreeMap<>();
        Map<CauseCode, Certainty> actualCertainty = new TreeMap<>();
        expected.forEach((code, e) -> expectedCertainty.put(code, e.certainty() != null ? e.certainty()
                : actual.containsKey(code) ? actual.get(code).certainty() : null));
        actual.forEach((code, c) -> actualCertainty.put(code, c.certainty()));
        if (!actualCertainty.equals(expectedCertainty)) {
            failures.add("expected causes " + describe(expectedCertainty) + ", but got " + describe(actualCertainty));
        }
        Map<CauseCode, List<String>> findingCodes = findingCodes(answer);
        expected.forEach((code, e) -> {
            Recommendation.Cause cause = actual.get(code);
            if (cause == null) {
                return; // reported above
            }
            if (e.findings() != null) {
                List<String> want = e.findings().stream().sorted().toList();
                List<String> got = findingCodes.getOrDefault(code, List.of()).stream().sorted().toList();
                if (!want.equals(got)) {
                    failures.add("expected " + code + " to rest on findings " + want + ", but it rests on " + got);
                }
            }
            for (String phrase : orEmpty(e.text())) {
                if (cause.findings().stream().noneMatch(f -> f.contains(phrase))) {
                    failures.add("expected a finding of " + code + " to say \"" + phrase + "\", but its findings say "
                            + cause.findings());
                }
            }
        });
    }

    /** The finding codes behind each cause, from the evidence its rules inserted. */
    private static Map<CauseCode, List<String>> findingCodes(Recommendation answer) {
        Map<CauseCode, Set<String>> codes = new TreeMap<>();
        for (TraceEntry firing : answer.trace()) {
            for (TracedFact fact : firing.inserted()) {
                if (fact.fact() instanceof CauseEvidence evidence) {
                    codes.computeIfAbsent(evidence.cause(), c -> new LinkedHashSet<>()).add(evidence.finding());
                }
            }
        }
        Map<CauseCode, List<String>> lists = new TreeMap<>();
        codes.forEach((cause, set) -> lists.put(cause, List.copyOf(set)));
        return lists;
    }

    private static void checkAdvice(String what, List<Scenario.AdviceExpectation> expected,
                                    Map<AdviceCode, List<String>> actual, List<String> failures) {
        // By name, the order answers list advice in.
        Set<String> expectedCodes = new TreeSet<>();
        expected.forEach(e -> expectedCodes.add(e.code().name()));
        Set<String> actualCodes = new TreeSet<>();
        actual.keySet().forEach(code -> actualCodes.add(code.name()));
        if (!expectedCodes.equals(actualCodes)) {
            failures.add("expected " + what + " " + expectedCodes + ", but got " + actualCodes);
        }
        for (Scenario.AdviceExpectation e : expected) {
            List<String> because = actual.get(e.code());
            if (e.because() == null || because == null) {
                continue;
            }
            List<String> want = e.because().stream().sorted().toList();
            List<String> got = because.stream().sorted().toList();
            if (!want.equals(got)) {
                failures.add("expected " + what + " " + e.code() + " because of " + want + ", but it was because of " + got);
            }
        }
    }

    private static String describe(Map<CauseCode, Certainty> causes) {
        if (causes.isEmpty()) {
            return "none";
        }
        Map<String, String> shown = new LinkedHashMap<>();
        causes.forEach((code, certainty) -> shown.put(code.name(), certainty == null ? "any certainty" : certainty.code()));
        return shown.toString();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
