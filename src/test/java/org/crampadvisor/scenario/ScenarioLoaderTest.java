package org.crampadvisor.scenario;

import org.crampadvisor.RulesFolderFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
