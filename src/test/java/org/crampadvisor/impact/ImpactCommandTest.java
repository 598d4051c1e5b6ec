package org.crampadvisor.impact;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.Ruleset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/check-rules --impact}: the folder through the gate, then the decisions of the embedded
 * store read while its writer still has it open, as when the service runs.
 */
class ImpactCommandTest {

    private static final Ruleset ACTIVE = RulesFolderFixture.ruleset();
    private static DecisionLog log;
    private static UUID between;

    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void recordDecisions() {
        log = DecisionLog.create("command");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.DAYS);
        log.add("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.3, \"unit\": \"mmol/L\"}]}", ACTIVE, start);
        between = log.add("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.45, \"unit\": \"mmol/L\"}]}", ACTIVE,
                start.plusSeconds(1));
        log.add("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.5, \"unit\": \"mmol/L\"}]}", ACTIVE, start.plusSeconds(2));
        // Older than a 2-day window: outside it.
        log.add("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.41, \"unit\": \"mmol/L\"}]}", ACTIVE,
                start.minus(5, ChronoUnit.DAYS));
        log.commit();
    }

    @AfterAll
    static void deleteTheLog() {
        log.delete();
    }

    private static Run run(Path dataDir, String... args) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(
                Map.of("advisor.audit.store", "embedded", "advisor.data-dir", dataDir.toString()), "test", 500)).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ImpactCommand.run(args, config, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintWhatTheFolderWouldChangeInTheDecisionsOfTheWindow() {
        Run run = run(log.dataDir(), "--impact", "--since", "4d", Candidates.potassiumLowAt3point4().toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(ImpactCommand.PREVIEWED);
        assertThat(run.out()).contains("passed its checks")
                .contains("Compared with " + ACTIVE.version() + ", the version that answered the newest decision")
                .contains("Active:    " + ACTIVE.version())
                .contains("Compared:  3 decisions")
                .contains("Changed:   1 (33.3 %)")
                .contains("a cause no longer found")
                .containsPattern("ELECTROLYTE_IMBALANCE\\s+0 / 1 / 0")
                .containsPattern("CONSULT_PROFESSIONAL\\s+0 / 1")
                .containsPattern("LOW_IMPACT_EXERCISE\\s+1 / 0")
                .contains("\"Low serum potassium\": 0 / 1")
                .contains("  " + between + "\n"
                        + "    before: ELECTROLYTE_IMBALANCE (likely); advice BALANCED_DIET, CONSULT_PROFESSIONAL, HYDRATE\n"
                        + "    after:  no cause; advice BALANCED_DIET, HYDRATE, LOW_IMPACT_EXERCISE\n");
        assertThat(run.out()).doesNotContain("3.45").doesNotContain("mmol/L");
    }

    @Test
    void shouldPrintTheReportAsJsonOnRequest() throws Exception {
        Run run = run(log.dataDir(), "--impact", "--json", "--since=P10D", "--limit", "2",
                Candidates.potassiumLowAt3point4().toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(ImpactCommand.PREVIEWED);
        JsonNode report = DecisionLog.JSON.readTree(run.out());
        assertThat(report.path("activeVersion").asText()).isEqualTo(ACTIVE.version());
        assertThat(report.path("limit").asInt()).isEqualTo(2);
        assertThat(report.path("compared").asLong()).isEqualTo(2);
        assertThat(report.path("changed").asLong()).isEqualTo(1);
        assertThat(report.path("examples").get(0).path("evaluationId").asText()).isEqualTo(between.toString());
        assertThat(report.path("byChange").path("kinds").path("causeRemoved").asLong()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAFolderThatFailsItsChecksAndCompareNothing() {
        Path broken = Candidates.copy("command-syntax-error");
        RulesFolderCopy.replace(broken, "causes/electrolyte-imbalance.drl",
                "$lab   : LabResult( analyte == \"potassium\", canonicalValue < $limit.value )\n",
                "$lab   : LabResult( analyte == \"potassium\", canonicalValue < $limit.value\n");

        Run run = run(log.dataDir(), "--impact", broken.toString());

        assertThat(run.exit()).isEqualTo(ImpactCommand.REFUSED);
        assertThat(run.out()).contains("[compile] causes/electrolyte-imbalance.drl:")
                .contains("Result: REFUSED")
                .contains("Nothing was compared")
                .doesNotContain("Changed:");
    }

    @Test
    void shouldExplainWrongArguments() {
        for (List<String> args : List.of(List.of("--impact", "--limit", "0"), List.of("--impact", "--limit", "100001"),
                List.of("--impact", "--since", "yesterday"), List.of("--impact", "--since"),
                List.of("--impact", "--colour"), List.of("--impact", "one", "two"))) {
            Run run = run(log.dataDir(), args.toArray(String[]::new));
            assertThat(run.exit()).as("%s", args).isEqualTo(ImpactCommand.USAGE);
            assertThat(run.err()).as("%s", args).contains("usage: scripts/check-rules --impact");
        }
        assertThat(run(log.dataDir(), "--impact", "--since", "yesterday").err())
                .contains("--since yesterday: must be an ISO-8601 duration");
    }

    @Test
    void shouldSayWhereItLookedWhenThereIsNoAuditStore() {
        Path nowhere = Path.of("target", "impact-tests", "no-store-" + UUID.randomUUID()).toAbsolutePath();

        Run run = run(nowhere, "--impact", RulesFolderFixture.RULES.toString());

        assertThat(run.exit()).isEqualTo(ImpactCommand.NO_STORE);
        assertThat(run.err()).contains("Cannot read the audit store (embedded, " + nowhere.resolve("audit"))
                .contains("POST /api/v1/ruleset/impact");
    }
}
