package org.crampadvisor.lifecycle;

import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.RulesetProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A typo in a DRL string compiles and would silently never match; the gate's reference check refuses
 * it with file, line, column, the unknown name and the closest known names.
 */
class ReferenceCheckTest {

    @TempDir
    Path temp;

    private final RulesetGate gate = new RulesetGate();

    private Path copy() {
        return RulesFolderCopy.of(RulesFolderFixture.RULES, temp.resolve("rules"));
    }

    private static RulesetProblem onlyReferenceError(GateReport report) {
        assertThat(report.passed()).isFalse();
        return report.errors().stream().filter(p -> p.check() == RulesetProblem.Check.REFERENCES)
                .reduce((a, b) -> {
                    throw new AssertionError("more than one reference error: " + report.errors());
                }).orElseThrow(() -> new AssertionError("no reference error: " + report.errors()));
    }

    @Test
    void shouldRefuseATypoInAThresholdNameWithTheClosestKnownName() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "causes/electrolyte-imbalance.drl", "Threshold( name == \"potassium.low\" )",
                "Threshold( name == \"potasium.low\" )");

        RulesetProblem problem = onlyReferenceError(gate.check(folder));

        assertThat(problem.file()).isEqualTo("causes/electrolyte-imbalance.drl");
        assertThat(problem.line()).isEqualTo(13);
        assertThat(problem.column()).as("the opening quote of the name").isEqualTo(33);
        assertThat(problem.rule()).isEqualTo("Low serum potassium");
        assertThat(problem.message()).isEqualTo("Threshold.name is compared with \"potasium.low\", which is not a "
                + "threshold in tables/thresholds.csv; did you mean `potassium.low` or `sodium.low`?");
    }

    @Test
    void shouldRefuseATypoInACatalogueGroupAndWarnThatTheRealGroupLostItsRule() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "causes/nutritional-deficiency.drl", "Condition( group == \"malabsorption\" )",
                "Condition( group == \"malabsorbtion\" )");

        GateReport report = gate.check(folder);
        RulesetProblem problem = onlyReferenceError(report);

        assertThat(problem.toString()).startsWith("causes/nutritional-deficiency.drl:31:").contains(
                "Condition.group is compared with \"malabsorbtion\", which is not a group in catalogues/conditions.csv; "
                        + "did you mean `malabsorption`?");
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w.toString()).isEqualTo(
                "catalogues/conditions.csv:10: condition group malabsorption is matched by no rule"));
    }

    @Test
    void shouldRefuseATypoInAFindingCodeWhereAnAdviceRuleMatchesIt() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "advice/management.drl", "finding == \"alcohol-over-limit\"",
                "finding == \"alcohol-over-limits\"");

        RulesetProblem problem = onlyReferenceError(gate.check(folder));

        assertThat(problem.rule()).isEqualTo("Hydrate: alcohol over the limit");
        assertThat(problem.message()).contains("CauseEvidence.finding is compared with \"alcohol-over-limits\", which is"
                + " not a finding in tables/findings.csv; did you mean `alcohol-over-limit`?");
    }

    @Test
    void shouldRefuseAFindingWithoutWordingAndWordingWrittenInTheRule() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "causes/electrolyte-imbalance.drl", "\"low-magnesium\", Basis.LAB_VALUE )",
                "\"low-magnezium\", Basis.LAB_VALUE )");
        RulesFolderCopy.replace(folder, "causes/electrolyte-imbalance.drl",
                "\"heavy-sweating\", Basis.HYDRATION )", "\"heavy-sweating\", Basis.HYDRATION, \"Sweats a lot\" )");

        GateReport report = gate.check(folder);

        assertThat(report.errors()).extracting(RulesetProblem::toString).contains(
                "causes/electrolyte-imbalance.drl:36:68: rule \"Low serum magnesium\": produces finding \"low-magnezium\","
                        + " which has no wording in tables/findings.csv; did you mean `low-magnesium`?",
                "causes/electrolyte-imbalance.drl:74:70: rule \"Fluid loss: heavy sweating\": writes the wording of "
                        + "finding \"heavy-sweating\" in the rule; give the finding code only, e.g. "
                        + "CauseEvidence.likely(cause, \"heavy-sweating\", basis), and put its wording in tables/findings.csv");
    }

    @Test
    void shouldRefuseWordingThatShowsAValueTheRuleDoesNotMatch() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "tables/findings.csv", "heavy-sweating,Heavy sweating is reported",
                "heavy-sweating,Heavy sweating is reported with sodium {value}");

        RulesetProblem problem = onlyReferenceError(gate.check(folder));

        assertThat(problem.message()).isEqualTo("produces finding \"heavy-sweating\", whose wording (tables/findings.csv:"
                + "16) shows {value}, which comes from a LabResult, but the rule matches none");
    }

    @Test
    void shouldRefuseAnUnknownValueOfARequestEnumeration() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "causes/overuse-or-strain.drl",
                "Activity( intensity == \"intense\", warmsUp == false )", "Activity( intensity == \"intens\", warmsUp == false )");

        RulesetProblem problem = onlyReferenceError(gate.check(folder));

        assertThat(problem.message()).isEqualTo("Activity.intensity is compared with \"intens\", which is not a value "
                + "of activity.intensity; did you mean `intense`?");
    }

    @Test
    void shouldRefuseARuleThatNeedsAFactNothingProduces() throws Exception {
        Path folder = copy();
        Files.writeString(folder.resolve("causes/never.drl"), """
                package causes;
                import org.crampadvisor.model.*;

                declare Flag
                end

                rule "Waits for a flag nobody raises"
                    @description("d")
                    @source("Electrolyte Imbalance")
                when
                    $flag : Flag()
                then
                    insert( new AdviceReason( AdviceCode.HYDRATE, "FLAG" ) );
                end
                """);

        RulesetProblem problem = onlyReferenceError(gate.check(folder));

        assertThat(problem.file()).isEqualTo("causes/never.drl");
        assertThat(problem.line()).isEqualTo(11);
        assertThat(problem.message()).startsWith("needs a Flag, but no input and no rule ever produces one, so it can "
                + "never fire");
    }

    @Test
    void shouldWarnAboutAThresholdAndAWordingThatNoRuleUses() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "tables/thresholds.csv", "cramps.frequent,",
                "magnesium.high,1.1,mmol/L,serum magnesium above this is high\ncramps.frequent,");
        RulesFolderCopy.replace(folder, "tables/findings.csv", "poor-diet,", "high-magnesium,Serum magnesium {value} "
                + "is above {limit}\npoor-diet,");

        GateReport report = gate.check(folder);

        assertThat(report.passed()).as("%s", report.errors()).isTrue();
        assertThat(report.warnings()).extracting(RulesetProblem::toString).containsExactlyInAnyOrder(
                "tables/thresholds.csv:18: threshold magnesium.high is used by no rule",
                "tables/findings.csv:25: finding high-magnesium has a wording but no rule produces it");
    }
}
