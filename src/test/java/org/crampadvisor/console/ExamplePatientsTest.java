package org.crampadvisor.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.RuleCoverage;
import org.crampadvisor.engine.RulesFolder;
import org.crampadvisor.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's example patients are the scenarios' patients: one per scenario file of the active rules, each
 * written as a request the API accepts as it stands.
 */
@QuarkusTest
class ExamplePatientsTest {

    @Inject
    ActiveRuleset activeRuleset;

    @Test
    void everyScenarioGivesAnExamplePatientThatTheApiAccepts() throws IOException {
        List<RuleCoverage.ScenarioPatient> patients = activeRuleset.get().coverage().patients();
        List<Path> files = ScenarioLoader.scenarioFiles(Path.of("src/test/resources/rules", RulesFolder.SCENARIOS_DIR));
        assertThat(patients).hasSize(files.size()).isNotEmpty();
        assertThat(patients).extracting(RuleCoverage.ScenarioPatient::file).contains("scenarios/spec-example-request.yaml");
        for (RuleCoverage.ScenarioPatient patient : patients) {
            var answer = given().auth().preemptive().basic("requester", "requester").contentType(ContentType.JSON)
                    .body(patient.requestJson()).when().post("/api/v1/evaluations");
            assertThat(answer.statusCode()).as("%s: %s -> %s", patient.file(), patient.requestJson(), answer.asString())
                    .isEqualTo(200);
        }
    }
}
