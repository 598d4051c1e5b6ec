package org.crampadvisor.engine;

import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Building a ruleset from a rules folder, and telling the author exactly what is wrong with one. */
class RulesetCompilerTest {

    @TempDir
    Path temp;

    private Path copy() {
        return RulesFolderCopy.of(RulesFolderFixture.RULES, temp.resolve("rules"));
    }

    @Test
    void shouldDescribeEveryShippedRuleWithFileLineAndMetadata() {
        Ruleset ruleset = RulesFolderFixture.ruleset();
        assertThat(ruleset.rules()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(ruleset.rules()).allSatisfy(rule -> {
            assertThat(rule.file()).endsWith(".drl");
            assertThat(rule.line()).isPositive();
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.source()).isNotBlank();
        });
        RuleInfo lowPotassium = ruleset.rules().stream().filter(r -> r.name().equals("Low serum potassium"))
                .findFirst().orElseThrow();
        assertThat(lowPotassium.file()).isEqualTo("causes/electrolyte-imbalance.drl");
        assertThat(lowPotassium.pkg()).isEqualTo("causes");
        assertThat(lowPotassium.source()).isEqualTo("Electrolyte Imbalance");
    }

    @Test
    void shouldVersionTheRulesetByItsFilesButNotItsScenarios() throws Exception {
        Path folder = copy();
        String original = RulesFolder.read(folder).version();
        assertThat(original).isEqualTo(RulesFolderFixture.ruleset().version()).matches("sha256:[0-9a-f]{64}");

        Files.writeString(folder.resolve("scenarios/extra.yaml"), "name: x\n");
        Files.writeString(folder.resolve("NOTES.md"), "notes\n");
        assertThat(RulesFolder.read(folder).version()).isEqualTo(original);

        RulesFolderCopy.replace(folder, "tables/thresholds.csv", "potassium.low,3.5", "potassium.low,3.4");
        assertThat(RulesFolder.read(folder).version()).isNotEqualTo(original);
    }

    @Test
    void shouldReportADrlSyntaxErrorWithFileAndLine() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "causes/overuse-or-strain.drl", "rule \"Repetitive strain\"",
                "rule \"Repetitive strain\" oops");
        RulesetBuildException error = catchThrowableOfType(RulesetBuildException.class,
                () -> new RulesetCompiler().compile(folder));
        assertThat(error.problems()).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("causes/overuse-or-strain.drl");
            assertThat(problem.line()).isEqualTo(46);
            assertThat(problem.column()).as("1-based: \"oops\" starts in column 26").isEqualTo(26);
        });
        assertThat(error.getMessage()).contains("causes/overuse-or-strain.drl:46:26: ");
    }

    @Test
    void shouldReportAnUnknownFactTypeWithFileAndLine() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "causes/neurological-disorder.drl", "$symptom : Symptom()",
                "$symptom : Symtpom()");
        RulesetBuildException error = catchThrowableOfType(RulesetBuildException.class,
                () -> new RulesetCompiler().compile(folder));
        assertThat(error.problems()).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("causes/neurological-disorder.drl");
            assertThat(problem.message()).contains("Symtpom");
        });
    }

    @Test
    void shouldReportTableMistakesWithFileAndLine() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "tables/thresholds.csv", "sodium.low,135,", "sodium.low,13S,");
        RulesFolderCopy.replace(folder, "catalogues/medications.csv", "Bumex; Burinex", "Bumex; Lasix");
        RulesFolderCopy.replace(folder, "tables/advice.csv", "REST_DAYS,", "REST_DAY,");
        RulesetBuildException error = catchThrowableOfType(RulesetBuildException.class,
                () -> new RulesetCompiler().compile(folder));
        assertThat(error.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("tables/thresholds.csv");
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.message()).contains("sodium.low").contains("'13S'").contains("not a number");
        });
        assertThat(error.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("catalogues/medications.csv");
            assertThat(p.message()).contains("'Lasix' is already used on line 6");
        });
        assertThat(error.problems()).anySatisfy(p -> assertThat(p.message()).contains("unknown advice code 'REST_DAY'"));
        assertThat(error.problems()).anySatisfy(p -> assertThat(p.message()).isEqualTo("advice REST_DAYS has no text"));
    }

    @Test
    void shouldReportAFindingWordingWithAnUnknownPlaceholder() {
        Path folder = copy();
        RulesFolderCopy.replace(folder, "tables/findings.csv", "Serum potassium {value} is below {limit}",
                "Serum potassium {valeu} is below {limit");
        RulesetBuildException error = catchThrowableOfType(RulesetBuildException.class,
                () -> new RulesetCompiler().compile(folder));
        assertThat(error.problems()).singleElement().satisfies(p -> {
            assertThat(p.check()).isEqualTo(RulesetProblem.Check.TABLES);
            assertThat(p.file()).isEqualTo("tables/findings.csv");
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.message()).startsWith("finding low-potassium: unknown placeholder {valeu}; did you mean `{value}`?");
        });
    }

    @Test
    void shouldReportAMissingTable() throws Exception {
        Path folder = copy();
        Files.delete(folder.resolve("catalogues/conditions.csv"));
        assertThatThrownBy(() -> new RulesetCompiler().compile(folder))
                .isInstanceOf(RulesetBuildException.class)
                .hasMessageContaining("catalogues/conditions.csv: this file is required but missing");
    }

    @Test
    void shouldRefuseAFolderThatDoesNotExist() {
        assertThatThrownBy(() -> new RulesetCompiler().compile(temp.resolve("nowhere")))
                .isInstanceOf(RulesetBuildException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void shouldStopARuleThatKeepsFiring() throws Exception {
        Path folder = copy();
        Files.writeString(folder.resolve("causes/loop.drl"), """
                package causes;
                import org.crampadvisor.model.*;
                rule "Inserts evidence for ever"
                    @description("broken on purpose") @source("test")
                when
                    $e : CauseEvidence()
                then
                    insert( CauseEvidence.possible( CauseCode.OVERUSE_OR_STRAIN, "loop", Basis.ACTIVITY, "again" ) );
                end
                """);
        Ruleset ruleset = new RulesetCompiler().compile(folder);
        var facts = java.util.List.<Object>of(new org.crampadvisor.model.Activity("activity", "intense", false, true,
                1, null, null));
        assertThatThrownBy(() -> RuleRunner.run(ruleset, facts))
                .isInstanceOf(RuleRunner.RuleLoopException.class)
                .hasMessageContaining("Inserts evidence for ever");
    }
}
