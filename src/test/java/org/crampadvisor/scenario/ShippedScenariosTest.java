package org.crampadvisor.scenario;

import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.Ruleset;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Every scenario file in rules/scenarios/ is a test of its own, named after the file and the scenario. */
class ShippedScenariosTest {

    private static final Path SCENARIOS = RulesFolderFixture.SHIPPED.resolve("scenarios");

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() throws IOException {
        Ruleset ruleset = RulesFolderFixture.shippedRuleset();
        ScenarioRunner runner = new ScenarioRunner();
        List<Path> files = ScenarioLoader.scenarioFiles(SCENARIOS);
        return files.stream().map(file -> {
            ScenarioLoader.Loaded loaded = ScenarioLoader.load(SCENARIOS, file);
            String name = loaded.file() + (loaded.scenario() == null ? "" : ": " + loaded.scenario().name());
            return DynamicTest.dynamicTest(name, file.toUri(), () -> {
                ScenarioResult result = runner.run(ruleset, loaded);
                if (!result.passed()) {
                    fail(String.join("\n", result.failures()));
                }
            });
        });
    }

    @Test
    void shouldShipScenarios() throws IOException {
        assertThat(ScenarioLoader.scenarioFiles(SCENARIOS)).hasSizeGreaterThan(20);
    }
}
