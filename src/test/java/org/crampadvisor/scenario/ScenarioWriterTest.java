package org.crampadvisor.scenario;

import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A patient saved as a scenario reads back as a scenario, and passes against the rules that answered it:
 * for the patient of every shipped scenario. No patient id is written.
 */
class ScenarioWriterTest {

    private static final Path SCENARIOS = RulesFolderFixture.SHIPPED.resolve("scenarios");

    @Test
    void everyPatientWrittenAsAScenarioReadsBackAndPassesOnTheRulesThatAnsweredIt(@TempDir Path folder) throws IOException {
        Ruleset ruleset = RulesFolderFixture.shippedRuleset();
        Evaluator evaluator = new Evaluator();
        ScenarioRunner runner = new ScenarioRunner();
        List<Path> files = ScenarioLoader.scenarioFiles(SCENARIOS);
        assertThat(files).isNotEmpty();
        int withheld = 0;
        for (Path file : files) {
            Scenario shipped = ScenarioLoader.load(SCENARIOS, file).scenario();
            Recommendation answer = evaluator.evaluate(shipped.given(), ruleset);
            withheld += answer.withheld().size();
            String yaml = ScenarioWriter.write("Saved: " + shipped.name(), shipped.given(), answer,
                    List.of("saved by a test", "second line"));
            assertThat(yaml).startsWith("# saved by a test\n# second line\n");
            Path saved = folder.resolve(file.getFileName());
            Files.writeString(saved, yaml);

            ScenarioLoader.Loaded loaded = ScenarioLoader.load(folder, saved);
            assertThat(loaded.error()).as("%s reads back:\n%s", file.getFileName(), yaml).isNull();
            assertThat(loaded.scenario().name()).isEqualTo("Saved: " + shipped.name());
            ScenarioResult result = runner.run(ruleset, loaded);
            assertThat(result.failures()).as("%s passes:\n%s", file.getFileName(), yaml).isEmpty();
            if (shipped.given().patient() != null && shipped.given().patient().id() != null) {
                assertThat(yaml).doesNotContain(shipped.given().patient().id());
                assertThat(loaded.scenario().given().patient() == null ? null : loaded.scenario().given().patient().id())
                        .isNull();
            }
        }
        assertThat(withheld).as("some patients have advice withheld, so that part is written too").isPositive();
    }
}
