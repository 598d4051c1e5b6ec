package org.crampadvisor.scenario;

import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.model.AdviceCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A clinician's mistake in a scenario file is reported in words, and a wrong expectation fails. */
class ScenarioLoaderTest {

    @TempDir
    Path folder;

    private ScenarioResult run(String yaml) throws Exception {
        Path file = Files.writeString(folder.resolve("case.yaml"), yaml);
        return new ScenarioRunner().run(RulesFolderFixture.ruleset(), ScenarioLoader.load(folder, file));
    }

    @Test
    void shouldFailAScenarioWhoseExpectationDoesNotHoldSayingExpectedAndActual() throws Exception {
        ScenarioResult result = run("""
                name: potassium 3.6 is wrongly expected to be low
                given:
                  labs: [{ analyte: potassium, value: 3.6, unit: mmol/L }]
                expect:
                  causes: { ELECTROLYTE_IMBALANCE: likely }
                  rulesFired: [Low serum potassium, No such rule]
                """);
        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).containsExactly(
                "expected causes {ELECTROLYTE_IMBALANCE=likely}, but got none",
                "expected rule 'Low serum potassium' to fire, but it did not; fired: [General prevention when no cause is found]",
                "expected rule 'No such rule' to fire, but the ruleset has no rule of that name");
    }

    @Test
    void shouldRefuseInputTheServiceWouldRefuse() throws Exception {
        ScenarioResult result = run("""
                name: a unit mistake
                given:
                  labs: [{ analyte: sodium, value: 140, unit: ng/mL }]
                expect:
                  causes: {}
                """);
        assertThat(result.failures()).singleElement().asString()
                .contains("given.labs[0].unit").contains("not allowed for sodium");
    }

    @Test
    void shouldRefuseATypoInTheGivenFacts() throws Exception {
        ScenarioResult result = run("""
                name: a typo
                given:
                  hydration: { fluidIntake: 1 }
                expect:
                  causes: {}
                """);
        assertThat(result.failures()).singleElement().asString()
                .contains("given.hydration.fluidIntake").contains("unknown property");
    }

    @Test
    void shouldRefuseAScenarioThatExpectsNothing() throws Exception {
        ScenarioResult result = run("""
                name: nothing to check
                given: {}
                expect: {}
                """);
        assertThat(result.failures()).singleElement().asString().contains("expects nothing");
    }

    @Test
    void shouldRefuseAnUnknownCauseCode() throws Exception {
        ScenarioResult result = run("""
                name: a made-up cause
                expect:
                  causes: { DEHYDRATION: likely }
                """);
        assertThat(result.failures()).singleElement().asString().contains("expect.causes");
    }

    @Test
    void shouldCheckTheReasonsAScenarioStatesAndSayWhatCameInstead() throws Exception {
        ScenarioResult result = run("""
                name: low sodium, with reasons stated wrongly
                given:
                  labs: [{ analyte: sodium, value: 129, unit: mmol/L }]
                expect:
                  causes:
                    ELECTROLYTE_IMBALANCE: { certainty: likely, findings: [low-potassium], text: ["below 130"] }
                  advice:
                    - { code: BALANCED_DIET, because: [NUTRITIONAL_DEFICIENCY] }
                    - CONSULT_PROFESSIONAL
                  withheld:
                    - { code: HYDRATE, because: [KIDNEY_DISEASE] }
                """);
        assertThat(result.failures()).containsExactly(
                "expected ELECTROLYTE_IMBALANCE to rest on findings [low-potassium], but it rests on [low-sodium]",
                "expected a finding of ELECTROLYTE_IMBALANCE to say \"below 130\", but its findings say "
                        + "[Serum sodium 129 mmol/L is below 135 mmol/L]",
                "expected advice BALANCED_DIET because of [NUTRITIONAL_DEFICIENCY], but it was because of "
                        + "[ELECTROLYTE_IMBALANCE]",
                "expected withheld advice HYDRATE because of [KIDNEY_DISEASE], but it was because of [LOW_SODIUM]");
    }

    @Test
    void shouldPassAScenarioWhoseReasonsHold() throws Exception {
        ScenarioResult result = run("""
                name: low sodium, with reasons stated rightly
                given:
                  labs: [{ analyte: sodium, value: 129, unit: mmol/L }]
                expect:
                  causes:
                    ELECTROLYTE_IMBALANCE: { certainty: likely, findings: [low-sodium], text: ["129 mmol/L"] }
                  advice:
                    - { code: BALANCED_DIET, because: [ELECTROLYTE_IMBALANCE] }
                    - { code: CONSULT_PROFESSIONAL, because: [OUT_OF_RANGE_LAB_VALUE] }
                  withheld:
                    - { code: HYDRATE, because: [LOW_SODIUM] }
                """);
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void shouldFailWhenAdviceExpectedAsGivenIsWithheld() throws Exception {
        ScenarioResult result = run("""
                name: hydration expected, but it is withheld
                given:
                  labs: [{ analyte: sodium, value: 129, unit: mmol/L }]
                expect:
                  advice: [BALANCED_DIET, CONSULT_PROFESSIONAL, HYDRATE]
                  withheld: []
                """);
        assertThat(result.failures()).containsExactly(
                "expected advice [BALANCED_DIET, CONSULT_PROFESSIONAL, HYDRATE], but got [BALANCED_DIET, CONSULT_PROFESSIONAL]",
                "expected withheld advice [], but got [HYDRATE]");
    }

    @Test
    void shouldRefuseAnExpectationThatListsACodeTwice() throws Exception {
        ScenarioResult result = run("""
                name: twice
                expect:
                  advice: [HYDRATE, BALANCED_DIET, HYDRATE]
                """);
        assertThat(result.failures()).containsExactly("expect.advice lists HYDRATE twice");
    }

    @Test
    void shouldReportABrokenScenarioFileWithItsLineAndColumn() throws Exception {
        ScenarioResult result = run("""
                name: a typo in a key
                given:
                  labs: [{ analyte: potassium, value: 3.1, unit: mmol/L }]
                expect:
                  cuases: {}
                """);
        assertThat(result.line()).isEqualTo(5);
        assertThat(result.column()).isEqualTo(3);
        assertThat(result.failures()).singleElement().asString().startsWith("expect.cuases: unknown property 'cuases'");

        ScenarioResult badYaml = run("""
                name: a broken list
                expect:
                  advice: [HYDRATE, BALANCED_DIET
                """);
        assertThat(badYaml.line()).isNotNull();
        assertThat(badYaml.failures()).singleElement().asString().startsWith("not valid YAML");
    }

    @Test
    void shouldFailAnAnswerThatListsACodeTwice() {
        Recommendation answer = new Recommendation("id", java.time.Instant.EPOCH, "sha256:x", List.of(),
                List.of(new Recommendation.Advice(AdviceCode.HYDRATE, "t", List.of("A"), List.of("r1")),
                        new Recommendation.Advice(AdviceCode.HYDRATE, "t", List.of("B"), List.of("r2"))),
                List.of(new Recommendation.Withheld(AdviceCode.HYDRATE, List.of("LOW_SODIUM"), List.of("r3"))),
                List.of(), List.of(), null, List.of(), Recommendation.DISCLAIMER);
        List<String> failures = new java.util.ArrayList<>();

        ScenarioRunner.checkEachCodeOnce(answer, failures);

        assertThat(failures).containsExactly(
                "expected each advice at most once, but HYDRATE appears more than once in [HYDRATE, HYDRATE]",
                "expected advice to be either given or withheld, but [HYDRATE, HYDRATE] is both");
    }
}
