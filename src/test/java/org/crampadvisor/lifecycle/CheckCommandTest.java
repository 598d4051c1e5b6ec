package org.crampadvisor.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The authors' check command: plain words, per-scenario results, per-rule coverage and a telling exit code. */
class CheckCommandTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int check(String... args) {
        return CheckCommand.run(args, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPassAFolderThatThenServiceWouldActivateAndShowEachScenarioAndRule() {
        Path folder = RulesFolderCopy.of(RulesFolderFixture.RULES, temp.resolve("rules"));

        assertThat(check(folder.toString())).isEqualTo(CheckCommand.READY);

        assertThat(output())
                .contains("Checking the rules folder " + folder)
                .contains("Compiled: 44 rules in 8 rule files")
                .containsPattern("Scenarios: \\d+ passed, 0 failed")
                .contains("  PASS  electrolyte-potassium-3-5-not-low.yaml  Serum potassium of exactly 3.5 mmol/L is not low")
                .contains("Coverage: 44 of 44 rules fire in at least one scenario")
                .containsPattern("\\s+\\d+  \"Low serum potassium\" \\(causes/electrolyte-imbalance.drl:9\\): .*"
                        + "electrolyte-low-potassium.yaml")
                .doesNotContain("Problems (")
                .endsWith("Result: PASSED. The service would activate this folder." + System.lineSeparator());
    }

    @Test
    void shouldRefuseAFolderWithAFailingScenarioSayingWhichAndWhy() {
        Path folder = RulesFolderCopy.of(RulesFolderFixture.RULES, temp.resolve("rules"));
        RulesFolderCopy.replace(folder, "tables/thresholds.csv", "potassium.low,3.5,", "potassium.low,3.6,");

        assertThat(check(folder.toString())).isEqualTo(CheckCommand.REFUSED);

        assertThat(output())
                .contains("  FAIL  electrolyte-potassium-3-5-not-low.yaml  Serum potassium of exactly 3.5 mmol/L is not low")
                .contains("          expected causes none, but got {ELECTROLYTE_IMBALANCE=likely}")
                .contains("[scenario] scenarios/electrolyte-potassium-3-5-not-low.yaml: scenario \"Serum potassium of "
                        + "exactly 3.5 mmol/L is not low, so only general prevention is given\": expected causes none")
                .containsPattern("Result: REFUSED, \\d+ problem\\(s\\)\\. The service would keep its current rules\\.");
    }

    @Test
    void shouldRefuseATypoInAThresholdNameWithTheClosestKnownNames() {
        Path folder = RulesFolderCopy.of(RulesFolderFixture.RULES, temp.resolve("rules"));
        RulesFolderCopy.replace(folder, "causes/electrolyte-imbalance.drl", "Threshold( name == \"potassium.low\" )",
                "Threshold( name == \"potasium.low\" )");

        assertThat(check(folder.toString())).isEqualTo(CheckCommand.REFUSED);

        assertThat(output()).contains("  [references] causes/electrolyte-imbalance.drl:13:33: rule \"Low serum potassium\": "
                + "Threshold.name is compared with \"potasium.low\", which is not a threshold in tables/thresholds.csv; "
                + "did you mean `potassium.low` or `sodium.low`?");
    }

    @Test
    void shouldExplainItsUsage() {
        assertThat(check("a", "b")).isEqualTo(CheckCommand.USAGE);
        assertThat(output()).startsWith("usage: scripts/check-rules [rules-folder]");
    }

    @Test
    void shouldExplainOneRequestFileWithoutAServer() throws Exception {
        Path request = Files.writeString(temp.resolve("request.json"), """
                {"labs": [{"analyte": "potassium", "value": 3.65, "unit": "mmol/L"}], "activity": {"intensity": "light"}}""");

        assertThat(check("--explain", request.toString(), RulesFolderFixture.RULES.toString())).isEqualTo(CheckCommand.READY);

        assertThat(output())
                .contains("Explaining " + request + " on sha256:")
                .contains("Causes: none")
                .contains("  ELECTROLYTE_IMBALANCE" + System.lineSeparator())
                .containsPattern("    \\[not-met\\] \"Low serum potassium\" \\(causes/electrolyte-imbalance.drl:\\d+\\)")
                .contains("        Serum potassium 3.65 mmol/L is not below 3.5 mmol/L")
                .containsPattern("    \\[missing\\] \"Low serum magnesium\" ")
                .contains("  labs[analyte=magnesium] (serum magnesium): could conclude ELECTROLYTE_IMBALANCE");
    }

    @Test
    void shouldExplainAsTheServiceAnswersWithJson() throws Exception {
        Path request = Files.writeString(temp.resolve("request.json"), """
                {"labs": [{"analyte": "potassium", "value": 3.1, "unit": "mmol/L"}]}""");

        assertThat(check("--explain", request.toString(), "--json", RulesFolderFixture.RULES.toString()))
                .isEqualTo(CheckCommand.READY);

        JsonNode answer = new ObjectMapper().readTree(output());
        assertThat(answer.path("causes").get(0).path("code").asText()).isEqualTo("ELECTROLYTE_IMBALANCE");
        assertThat(answer.path("whyNot").findValuesAsText("cause")).doesNotContain("ELECTROLYTE_IMBALANCE")
                .contains("NUTRITIONAL_DEFICIENCY");
        assertThat(answer.path("missingInputs").findValuesAsText("input")).contains("labs[analyte=magnesium]")
                .doesNotContain("labs[analyte=potassium]");
    }

    @Test
    void shouldRefuseARequestFileTheServiceWouldRefuseSayingWhere() throws Exception {
        Path request = Files.writeString(temp.resolve("request.json"), """
                {"labs": [{"analyte": "potassium", "value": 3.1, "unit": "mmol/L"}], "hydraton": {}}""");

        assertThat(check("--explain", request.toString(), RulesFolderFixture.RULES.toString())).isEqualTo(CheckCommand.REFUSED);

        assertThat(output()).startsWith(request + " is not a request the service would take: ").contains("hydraton");
    }

    @Test
    void shouldExplainTheExplainUsage() {
        assertThat(check("--explain")).isEqualTo(CheckCommand.USAGE);
        assertThat(output()).contains("scripts/check-rules --explain FILE.json [--json] [rules-folder]");
    }
}
