package org.crampadvisor.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule author's conventions, checked on the DRL as written, each problem at its rule and line. */
class RulesetLintTest {

    private static RulesetFile drl(String path, String text) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        return new RulesetFile(path, RulesFolder.sha256Hex(content), content);
    }

    private static List<RulesetProblem> lint(RulesetFile... files) {
        return RulesetLint.check(DrlOutline.of(List.of(files)));
    }

    private static final String HEADER = "package causes;\nimport org.crampadvisor.model.*;\n\n";

    @Test
    void shouldAcceptTheShippedRules() throws Exception {
        assertThat(RulesetLint.check(DrlOutline.of(RulesFolder.read(org.crampadvisor.RulesFolderFixture.RULES).files())))
                .isEmpty();
    }

    @Test
    void shouldRefuseARuleWithoutDescriptionOrSource() {
        List<RulesetProblem> problems = lint(drl("causes/a.drl", HEADER + """
                rule "No metadata"
                when
                    Patient()
                then
                end

                rule "Blank source"
                    @description("Says what it does.")
                    @source("  ")
                when
                    Patient()
                then
                end
                """));

        assertThat(problems).extracting(RulesetProblem::toString).containsExactly(
                "causes/a.drl:4: rule \"No metadata\": has no @description(\"...\"); every rule needs @description and @source",
                "causes/a.drl:4: rule \"No metadata\": has no @source(\"...\"); every rule needs @description and @source",
                "causes/a.drl:10: rule \"Blank source\": has no @source(\"...\"); every rule needs @description and @source");
        assertThat(problems).allSatisfy(p -> assertThat(p.check()).isEqualTo(RulesetProblem.Check.LINT));
    }

    @Test
    void shouldRefuseTwoRulesOfOneNameEvenInDifferentPackages() {
        String rule = """
                rule "Low serum potassium"
                    @description("d") @source("s")
                when
                    Patient()
                then
                end
                """;
        List<RulesetProblem> problems = lint(drl("causes/a.drl", HEADER + rule),
                drl("advice/b.drl", "package advice;\nimport org.crampadvisor.model.*;\n\n" + rule));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("advice/b.drl");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.rule()).isEqualTo("Low serum potassium");
            assertThat(p.message()).isEqualTo("has the same name as the rule at causes/a.drl:4; rule names must be "
                    + "unique across the rules folder");
        });
    }

    @Test
    void shouldRefuseACodeTheServiceDoesNotKnowAtTheLineThatProducesIt() {
        List<RulesetProblem> problems = lint(drl("causes/a.drl", HEADER + """
                rule "Invented cause"
                    @description("d") @source("s")
                when
                    $p : Patient()
                then
                    insert( CauseEvidence.likely( CauseCode.ELECTROLYTE_IMBALANCE, "x", Basis.LAB_VALUE, "t" ) );
                    insert( CauseEvidence.likely( CauseCode.DEHYDRATION, "x", Basis.LAB_VALUE, "t" ) );
                    insert( new AdviceReason( org.crampadvisor.model.AdviceCode.STRETCH_MORE, "x" ) );
                    insert( new AdviceReason( AdviceCode.valueOf("HYDRATE"), "x" ) );
                end
                """));

        assertThat(problems).extracting(RulesetProblem::line).containsExactly(10, 11, 12);
        assertThat(problems.get(0).message()).startsWith("produces cause code DEHYDRATION, which the service does not "
                + "know (docs/knowledge.md#cause-codes); the cause codes are ELECTROLYTE_IMBALANCE, MEDICATION_OR_SUBSTANCE, "
                + "NEUROLOGICAL_DISORDER");
        assertThat(problems.get(1).message()).startsWith("produces advice code STRETCH_MORE, which the service does not know");
        assertThat(problems.get(2).message()).startsWith("chooses its advice code at run time (AdviceCode.valueOf)");
    }

    @Test
    void shouldLeaveAFileThatDoesNotParseToTheCompiler() {
        assertThat(lint(drl("causes/a.drl", HEADER + "rule \"Broken\" when Patient( then end"))).isEmpty();
    }
}
