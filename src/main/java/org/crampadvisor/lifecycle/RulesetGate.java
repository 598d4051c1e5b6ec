package org.crampadvisor.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.engine.DrlOutline;
import org.crampadvisor.engine.ReferenceData;
import org.crampadvisor.engine.RuleCoverage;
import org.crampadvisor.engine.RuleInfo;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetBuildException;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.engine.RulesetLint;
import org.crampadvisor.engine.RulesetProblem;
import org.crampadvisor.engine.RulesetSource;
import org.crampadvisor.engine.RulesFolder;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.scenario.ScenarioResult;
import org.crampadvisor.scenario.ScenarioRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate a rules folder passes before it may answer a request: it is read, linted, its references
 * checked (every name a rule compares with exists), compiled off to the side, and every scenario in its
 * {@code scenarios/} folder is run against it. Plain Java, so the
 * service's reload and the authors' check command apply the very same gate.
 */
public final class RulesetGate {

    /** A scenario's request as a client would send it: what is not known is left out. */
    private static final ObjectMapper REQUEST_JSON = new ObjectMapper().findAndRegisterModules()
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    private final RulesetCompiler compiler;
    private final ScenarioRunner scenarioRunner = new ScenarioRunner();

    public RulesetGate(RulesetCompiler compiler) {
        this.compiler = compiler;
    }

    public RulesetGate() {
        this(new RulesetCompiler());
    }

    public GateReport check(Path folder) {
        return check(folder, null);
    }

    /**
     * Checks the folder as it is now.
     *
     * @param compiledAlready a ruleset compiled before; reused, not recompiled, when the folder still hashes to
     *                        its version (only scenarios changed, or nothing did)
     */
    public GateReport check(Path folder, Ruleset compiledAlready) {
        long started = System.nanoTime();
        String shownFolder = folder.toAbsolutePath().normalize().toString();
        RulesetSource source;
        try {
            source = RulesFolder.read(folder);
        } catch (RulesetBuildException e) {
            return new GateReport(shownFolder, null, null, e.problems(), List.of(), List.of(), since(started));
        }

        List<DrlOutline.RuleDeclaration> outline = DrlOutline.of(source.files());
        List<RulesetProblem> errors = new ArrayList<>(RulesetLint.check(outline));
        // Table problems are the compiler's to report; the reference check needs only what could be read.
        ReferenceCheck.Result references = ReferenceCheck.check(source, ReferenceData.read(source, new ArrayList<>()),
                outline);
        errors.addAll(references.errors());
        Ruleset candidate = null;
        if (compiledAlready != null && compiledAlready.version().equals(source.version())) {
            candidate = compiledAlready;
        } else {
            try {
                candidate = compiler.compile(source);
            } catch (RulesetBuildException e) {
                errors.addAll(e.problems());
            }
        }
        if (candidate == null) {
            return new GateReport(shownFolder, source.version(), null, errors, references.warnings(), List.of(),
                    since(started));
        }

        List<ScenarioResult> scenarios = scenarioRunner.runAll(candidate, source.folder().resolve(RulesFolder.SCENARIOS_DIR));
        for (ScenarioResult result : scenarios) {
            for (String failure : result.failures()) {
                errors.add(RulesetProblem.inScenario(RulesFolder.SCENARIOS_DIR + "/" + result.file(), result.line(),
                        result.column(), result.name(), failure));
            }
        }
        RuleCoverage coverage = coverage(candidate, scenarios);
        List<RulesetProblem> warnings = new ArrayList<>(references.warnings());
        if (scenarios.isEmpty()) {
            warnings.add(RulesetProblem.inFolder("there are no scenarios in " + RulesFolder.SCENARIOS_DIR
                    + "/, so nothing tests these rules"));
        }
        for (RuleInfo rule : candidate.rules()) {
            if (coverage.scenariosFiring(rule.name()).isEmpty()) {
                warnings.add(RulesetProblem.inRule(rule.file(), rule.line(), rule.name(),
                        "fires in no scenario; add a scenario that makes it fire"));
            }
        }
        return new GateReport(shownFolder, source.version(), candidate.withCoverage(coverage), errors, warnings,
                scenarios, since(started));
    }

    private static RuleCoverage coverage(Ruleset ruleset, List<ScenarioResult> scenarios) {
        Map<String, List<RuleCoverage.Scenario>> byRule = new LinkedHashMap<>();
        for (RuleInfo rule : ruleset.rules()) {
            List<RuleCoverage.Scenario> firing = new ArrayList<>();
            for (ScenarioResult scenario : scenarios) {
                if (scenario.rulesFired().contains(rule.name())) {
                    firing.add(new RuleCoverage.Scenario(RulesFolder.SCENARIOS_DIR + "/" + scenario.file(), scenario.name()));
                }
            }
            byRule.put(rule.name(), List.copyOf(firing));
        }
        List<RuleCoverage.ScenarioPatient> patients = new ArrayList<>();
        for (ScenarioResult scenario : scenarios) {
            if (scenario.passed() && scenario.given() != null) {
                patients.add(new RuleCoverage.ScenarioPatient(RulesFolder.SCENARIOS_DIR + "/" + scenario.file(),
                        scenario.name(), requestJson(scenario.given())));
            }
        }
        return new RuleCoverage(byRule, patients);
    }

    private static String requestJson(EvaluationRequest given) {
        try {
            return REQUEST_JSON.writeValueAsString(given);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scenario's request cannot be written as JSON", e);
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
