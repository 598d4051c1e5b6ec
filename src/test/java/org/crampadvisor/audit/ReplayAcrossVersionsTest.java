package org.crampadvisor.audit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.RulesFolder;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.engine.RulesetSource;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.EvaluationService;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.evaluation.StrictJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * "Would today's rules decide differently?": an evaluation answered by an older ruleset (potassium low
 * below 3.6) is replayed on the archived original and on the active ruleset (below 3.5).
 */
@QuarkusTest
class ReplayAcrossVersionsTest {

    @Inject
    EvaluationService evaluations;

    @Test
    void shouldReplayOnTheArchivedOriginalAndShowWhatTheActiveRulesetChanges() throws Exception {
        Path older = RulesFolderCopy.of(RulesFolderFixture.RULES, Files.createTempDirectory("older-rules").resolve("rules"));
        RulesFolderCopy.replace(older, "tables/thresholds.csv", "potassium.low,3.5,", "potassium.low,3.6,");
        Ruleset olderRuleset = new RulesetCompiler().compile(older);

        EvaluationRequest request = StrictJson.newMapper().readValue(
                "{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.55, \"unit\": \"mmol/L\"}]}", EvaluationRequest.class);
        Recommendation answered = evaluations.evaluateOn(olderRuleset, request, "requester").answer();

        given().auth().preemptive().basic("auditor", "auditor")
                .when().post("/api/v1/evaluations/" + answered.evaluationId() + "/replay")
                .then().statusCode(200)
                .body("original.rulesetVersion", is(olderRuleset.version()))
                .body("active.rulesetVersion", not(is(olderRuleset.version())))
                .body("reproducesStoredAnswer", is(true))
                .body("sameConclusion", is(false))
                .body("original.answer.causes.code", contains("ELECTROLYTE_IMBALANCE"))
                .body("active.answer.causes", empty())
                .body("difference.causesRemoved", contains("ELECTROLYTE_IMBALANCE"))
                .body("difference.adviceAdded", contains("LOW_IMPACT_EXERCISE"))
                .body("difference.adviceRemoved", contains("CONSULT_PROFESSIONAL"))
                .body("difference.rulesFiredRemoved", contains("Low serum potassium", "Hydrate: electrolyte imbalance",
                        "Balanced diet: electrolyte imbalance or nutritional deficiency",
                        "Refer: likely cause from an out-of-range lab value"))
                .body("difference.rulesFiredAdded", contains("General prevention when no cause is found"));

        given().auth().preemptive().basic("auditor", "auditor")
                .when().get("/api/v1/rulesets/" + olderRuleset.version())
                .then().statusCode(200)
                .body("files.find { it.path == 'tables/thresholds.csv' }.content",
                        org.hamcrest.Matchers.containsString("potassium.low,3.6,"));
    }

    /**
     * An archived ruleset whose files no longer hash to its version (the archive was altered) is not used: replay
     * and why-not answer 409, naming the version and why, and the record itself still reads.
     */
    @Test
    void shouldRefuseToReEvaluateOnAnArchivedRulesetThatWasAltered() throws Exception {
        RulesetSource real = RulesFolder.read(RulesFolderFixture.RULES);
        // A version of its own in every run: the PostgreSQL store keeps its archive between test runs.
        String forged = "sha256:" + (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        Ruleset altered = new RulesetCompiler().compile(new RulesetSource(real.folder(), real.files(), forged));
        EvaluationRequest request = StrictJson.newMapper().readValue(
                "{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mmol/L\"}]}", EvaluationRequest.class);
        String id = evaluations.evaluateOn(altered, request, "requester").answer().evaluationId();

        for (var call : List.of(given().auth().preemptive().basic("auditor", "auditor").when()
                        .post("/api/v1/evaluations/" + id + "/replay"),
                given().auth().preemptive().basic("auditor", "auditor").when()
                        .get("/api/v1/evaluations/" + id + "/why-not"))) {
            call.then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString(forged))
                    .body("detail", containsString("altered"));
        }
        given().auth().preemptive().basic("auditor", "auditor").when().get("/api/v1/evaluations/" + id)
                .then().statusCode(200).body("rulesetVersion", is(forged));
    }

    /**
     * A ruleset archived before contraindications and the findings table (its rules word their findings
     * with the fact model's describe() methods) still replays, reproduces its stored answer, which has no
     * withheld field, and shows what the contraindication changes today.
     */
    @Test
    void shouldReplayARecordAnsweredByARulesetFromBeforeContraindications() throws Exception {
        Ruleset beforeContraindications = new RulesetCompiler().compile(
                Path.of("src/test/resources/rulesets/before-contraindications"));
        EvaluationRequest request = StrictJson.newMapper().readValue("""
                {"labs": [{"analyte": "sodium", "value": 129, "unit": "mmol/L"}], "medications": [{"name": "Lasix"}]}""",
                EvaluationRequest.class);
        EvaluationService.Answered answered = evaluations.evaluateOn(beforeContraindications, request, "requester");
        // What a record of that time held: the answer without the withheld field, which did not exist yet.
        assertThat(answered.answer().withheld()).isEmpty();
        String id = answered.answer().evaluationId();

        given().auth().preemptive().basic("auditor", "auditor")
                .when().post("/api/v1/evaluations/" + id + "/replay")
                .then().statusCode(200)
                .body("original.rulesetVersion", is(beforeContraindications.version()))
                .body("reproducesStoredAnswer", is(true))
                .body("original.answer.causes.find { it.code == 'MEDICATION_OR_SUBSTANCE' }.findings",
                        contains("Takes Lasix (furosemide, loop diuretic)"))
                .body("original.answer.advice.code", org.hamcrest.Matchers.hasItem("HYDRATE"))
                .body("active.answer.withheld.code", contains("HYDRATE"))
                .body("sameConclusion", is(false))
                .body("difference.adviceRemoved", contains("HYDRATE"))
                .body("difference.withheldAdded", contains("HYDRATE"))
                .body("difference.withheldRemoved", empty());
    }
}
