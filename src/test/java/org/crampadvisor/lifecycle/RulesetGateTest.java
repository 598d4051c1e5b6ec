package org.crampadvisor.lifecycle;

import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate every candidate ruleset passes before it may answer: compile, lint, every scenario. */
class RulesetGateTest {

    @TempDir
    Path temp;

    private final RulesetGate gate = new RulesetGate();

    private Path copy() {
        return RulesFolderCopy.of(RulesFolderFixture.RULES, temp.resolve("rules"));
    }

    @Test
    void shouldPassTheShippedRulesWithEveryRuleCoveredWithoutRecompilingAnUnchangedFolder() {
        Ruleset shipped = RulesFolderFixture.ruleset();

        GateReport report = gate.check(RulesFolderFixture.RULES, shipped);

        assertThat(report.passed()).as("%s", report.errors()).isTrue();
        assertThat(report.ruleset().kieBase()).isSameAs(shipped.kieBase());
        assertThat(report.scenariosFailed()).isZero();
        assertThat(report.scenariosPassed()).isGreaterThanOrEqualTo(100);
        assertThat(report.warnings()).isEmpty();
        assertThat(report.ruleset().coverage().scenariosFiring("Low serum potassium"))
                .anySatisfy(s -> assertThat(s.file()).isEqualTo("scenarios/electrolyte-low-potassium.yaml"))
                .noneSatisfy(s -> assertThat(s.file()).isEqualTo("scenarios/electrolyte-potassium-3-5-not-low.yaml"));
    }

    @Test
    void shouldRefuseADrlSyntaxErrorWithFileLineAndColumn() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "causes/electrolyte-imbalance.drl",
                "$lab   : LabResult( analyte == \"potassium\", canonicalValue < $limit.value )\n",
                "$lab   : LabResult( analyte == \"potassium\", canonicalValue < $limit.value \n");

        GateReport report = gate.check(folder);

        assertThat(report.passed()).isFalse();
        assertThat(report.ruleset()).isNull();
        assertThat(report.scenarios()).isEmpty();
        assertThat(report.errors()).first().satisfies(p -> {
            assertThat(p.check()).isEqualTo(RulesetProblem.Check.COMPILE);
            assertThat(p.file()).isEqualTo("causes/electrolyte-imbalance.drl");
            assertThat(p.line()).isPositive();
            assertThat(p.column()).isPositive();
        });
    }

    @Test
    void shouldRefuseARulesetThatFailsAScenarioNamingItWithExpectedAndActual() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "tables/thresholds.csv", "potassium.low,3.5,", "potassium.low,3.6,");

        GateReport report = gate.check(folder);

        assertThat(report.passed()).isFalse();
        assertThat(report.ruleset()).as("it compiled; only its scenarios failed").isNotNull();
        assertThat(report.errors()).anySatisfy(p -> {
            assertThat(p.check()).isEqualTo(RulesetProblem.Check.SCENARIO);
            assertThat(p.file()).isEqualTo("scenarios/electrolyte-potassium-3-5-not-low.yaml");
            assertThat(p.scenario()).isEqualTo("Serum potassium of exactly 3.5 mmol/L is not low, so only general "
                    + "prevention is given");
            assertThat(p.message()).isEqualTo("expected causes none, but got {ELECTROLYTE_IMBALANCE=likely}");
        });
        assertThat(report.errors()).allSatisfy(p -> assertThat(p.check()).isEqualTo(RulesetProblem.Check.SCENARIO));
    }

    @Test
    void shouldRefuseALintFailureAndWarnAboutARuleNoScenarioFires() throws Exception {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "causes/overuse-or-strain.drl",
                "    @source(\"Overuse or Strain\")\nwhen\n    $activity : Activity( intensity == \"intense\", warmsUp",
                "when\n    $activity : Activity( intensity == \"intense\", warmsUp");
        RulesFolderCopy.replace(folder, "tables/findings.csv", "poor-diet,", "very-low-potassium,Serum potassium {value} "
                + "is far below normal\npoor-diet,");
        Files.writeString(folder.resolve("causes/never.drl"), """
                package causes;
                import org.crampadvisor.model.*;

                rule "Potassium below one"
                    @description("A rule no scenario reaches.")
                    @source("Electrolyte Imbalance")
                when
                    $lab : LabResult( analyte == "potassium", canonicalValue < 1.0 )
                then
                    insert( CauseEvidence.likely( CauseCode.ELECTROLYTE_IMBALANCE, "very-low-potassium",
                            Basis.LAB_VALUE ) );
                end
                """);

        GateReport report = gate.check(folder);

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.check()).isEqualTo(RulesetProblem.Check.LINT);
            assertThat(p.toString()).isEqualTo("causes/overuse-or-strain.drl:8: rule \"Intense activity without "
                    + "warm-up\": has no @source(\"...\"); every rule needs @description and @source");
        });
        assertThat(report.scenariosFailed()).isZero();
        assertThat(report.warnings()).singleElement().satisfies(p -> assertThat(p.toString())
                .isEqualTo("causes/never.drl:4: rule \"Potassium below one\": fires in no scenario; add a scenario "
                        + "that makes it fire"));
    }

    @Test
    void shouldRefuseAFolderThatDoesNotExist() {
        GateReport report = gate.check(temp.resolve("missing"));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.check()).isEqualTo(RulesetProblem.Check.FOLDER);
            assertThat(p.message()).contains("does not exist");
        });
    }
}
