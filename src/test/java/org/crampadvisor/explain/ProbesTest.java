package org.crampadvisor.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.bench.GeneratedRules;
import org.crampadvisor.engine.RuleRunner;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.engine.RulesetFile;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.FactMapper;
import org.crampadvisor.evaluation.StrictJson;
import org.crampadvisor.scenario.Scenario;
import org.crampadvisor.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The why-not probes: they compile beside every ruleset we have, and the rules answer in the KieBase that
 * holds them exactly as in the ruleset's own, so that asking why not never changes the answer.
 */
class ProbesTest {

    private static final ObjectMapper JSON = StrictJson.newMapper();
    private static final Evaluator FIXED = new Evaluator(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            () -> UUID.fromString("0193c1f2-0000-7000-8000-000000000000"));

    @Test
    void shouldAnswerEveryScenarioAlikeWithAndWithoutTheProbes() throws Exception {
        Ruleset ruleset = RulesFolderFixture.ruleset();
        Path scenarios = RulesFolderFixture.RULES.resolve("scenarios");
        List<String> compared = new ArrayList<>();
        for (Path file : ScenarioLoader.scenarioFiles(scenarios)) {
            Scenario scenario = ScenarioLoader.load(scenarios, file).scenario();
            String plain = JSON.valueToTree(FIXED.evaluate(scenario.given(), ruleset)).toString();
            var explained = JSON.valueToTree(FIXED.evaluate(scenario.given(), ruleset, Evaluator.Explanation.WHY_NOT));
            assertThat(explained.has("whyNot")).isTrue();
            ((com.fasterxml.jackson.databind.node.ObjectNode) explained).remove("whyNot");
            assertThat(explained.toString()).as(file.toString()).isEqualTo(plain);
            compared.add(file.toString());
        }
        assertThat(compared).hasSizeGreaterThan(100);
    }

    @Test
    void shouldProbeEveryRuleThatCanConcludeACauseAndNoOther() {
        Explanations explanations = Explanations.of(RulesFolderFixture.ruleset());
        for (RuleLinks.Node node : explanations.links().nodes()) {
            boolean concludes = !explanations.links().couldConclude(node.name()).isEmpty();
            assertThat(explanations.plan(node.name()) != null).as(node.name()).isEqualTo(concludes);
        }
        assertThat(explanations.plan("Low serum potassium").steps()).extracting(WhyNotProbes.Step::condition)
                .containsExactly("name == \"potassium.low\"", "analyte == \"potassium\"", "canonicalValue < $limit.value");
    }

    @Test
    void shouldCompileTheProbesOfTheShippedRulesTheArchivedOnesAndALargeGeneratedSet(@TempDir Path temp) throws Exception {
        List<Ruleset> rulesets = List.of(RulesFolderFixture.shippedRuleset(), RulesFolderFixture.ruleset(),
                new RulesetCompiler().compile(Path.of("src/test/resources/rulesets/before-contraindications")),
                GeneratedRules.compile(GeneratedRules.folder(temp.resolve("rules"), 300)));
        for (Ruleset ruleset : rulesets) {
            Explanations explanations = Explanations.of(ruleset);
            assertThat(explanations.probeFiles()).isNotEmpty();
            // The probes compiled: a rule of every cause has its chain, not the fallback without one.
            explanations.diagnosticKieBase();
            assertThat(explanations.plan("Low serum potassium")).as(ruleset.version()).isNotNull();
            List<WhyNot> whyNot = FIXED.evaluate(EvaluationRequest.empty(), ruleset, Evaluator.Explanation.WHY_NOT).whyNot();
            assertThat(whyNot).hasSize(5);
            assertThat(whyNot.stream().flatMap(w -> w.rules().stream()).map(WhyNot.RuleWhyNot::kind).distinct())
                    .containsExactly(WhyNot.MISSING);
        }
    }

    @Test
    void shouldGiveEachProbeTheImportsOfItsRulesFile(@TempDir Path temp) throws Exception {
        Ruleset ruleset = RulesFolderFixture.ruleset();
        RulesetFile causes = Explanations.of(ruleset).probeFiles().stream()
                .filter(f -> f.path().equals("causes/whynot-probes-generated.drl")).findFirst().orElseThrow();
        assertThat(causes.text()).startsWith("package causes;").contains("import org.crampadvisor.model.*;")
                .contains("query \"whynot probe 1.1\"");
    }

    @Test
    void shouldReadTheSettledSessionWithTheTracesFactIds() throws Exception {
        Ruleset ruleset = RulesFolderFixture.ruleset();
        EvaluationRequest request = JSON.readValue("""
                {"labs": [{"analyte": "potassium", "value": 3.1, "unit": "mmol/L"}]}""", EvaluationRequest.class);
        RuleRunner.Inspected<List<Integer>> run = RuleRunner.runThenInspect(ruleset,
                Explanations.of(ruleset).diagnosticKieBase(), FactMapper.toFacts(request, ruleset.reference()),
                (session, ids, trace) -> session.getObjects().stream().map(ids::idOf).sorted().toList());
        int thresholds = ruleset.reference().thresholds().size();
        // Every threshold, the lab, and what the rules inserted: all still in working memory, numbered as in the trace.
        assertThat(run.inspection()).startsWith(1, 2, 3).contains(thresholds + 1);
        assertThat(run.trace().get(0).matched()).extracting(t -> t.id()).contains(thresholds + 1);
    }
}
