package org.crampadvisor.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** SPEC section 6 over HTTP: every answer is recorded, auditors can find it, replay it and read its rules. */
@QuarkusTest
class AuditLogApiTest {

    private static RequestSpecification requester() {
        return given().auth().preemptive().basic("requester", "requester").contentType(ContentType.JSON);
    }

    private static RequestSpecification auditor() {
        return given().auth().preemptive().basic("auditor", "auditor");
    }

    /** A patient id no other test run uses, so that filtering by it sees only this test's records. */
    private static String newPatientId() {
        return "audit-test-" + UUID.randomUUID();
    }

    private static JsonPath evaluate(String body) {
        return requester().body(body).when().post("/api/v1/evaluations").then().statusCode(200).extract().jsonPath();
    }

    private static String withPatient(String patientId, String rest) {
        return "{\"patient\": {\"id\": \"" + patientId + "\"}" + (rest.isEmpty() ? "" : ", " + rest) + "}";
    }

    @Test
    void shouldRecordEveryAnsweredEvaluationWithItsRequestResponseAndRuleset() throws Exception {
        String body = Files.readString(Path.of("src/test/resources/spec-example.json"));
        JsonPath answer = evaluate(body);
        String id = answer.getString("evaluationId");

        JsonPath record = auditor().when().get("/api/v1/evaluations/" + id).then().statusCode(200)
                .body("evaluationId", is(id))
                .body("evaluatedAt", is(answer.getString("evaluatedAt")))
                .body("principal", is("requester"))
                .body("rulesetVersion", is(answer.getString("rulesetVersion")))
                .body("durationMicros", notNullValue())
                .body("request.labs[1].unit", is("mg/dL"))
                .body("request.medications[0].name", is("Lasix"))
                .extract().jsonPath();
        assertThat(record.getMap("response")).isEqualTo(answer.getMap(""));
    }

    @Test
    void shouldPseudonymiseThePatientIdAndFindAPatientsEvaluationsByIt() {
        String patient = newPatientId();
        String first = evaluate(withPatient(patient, "\"symptoms\": [\"tremor\"]")).getString("evaluationId");
        String second = evaluate(withPatient(patient, "")).getString("evaluationId");

        auditor().queryParam("patientId", patient).when().get("/api/v1/evaluations").then().statusCode(200)
                .body("items.evaluationId", contains(second, first))
                .body("items.request.patient.id", everyItem(matchesPattern("[0-9a-f]{64}")))
                .body("items.request.patient.id", everyItem(not(is(patient))))
                .body("nextCursor", nullValue());
        String stored = auditor().when().get("/api/v1/evaluations/" + first).then().extract().asString();
        assertThat(stored).doesNotContain(patient);
    }

    @Test
    void shouldStoreNothingForARefusedRequest() {
        String patient = newPatientId();
        requester().body(withPatient(patient, "\"labs\": [{\"analyte\": \"sodium\", \"value\": 140, \"unit\": \"ng/mL\"}]"))
                .when().post("/api/v1/evaluations").then().statusCode(400);
        auditor().queryParam("patientId", patient).when().get("/api/v1/evaluations").then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void shouldFilterByRuleCauseAdviceRulesetAndTime() {
        String patient = newPatientId();
        Instant before = Instant.now().minusSeconds(1);
        JsonPath lowPotassium = evaluate(withPatient(patient, "\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mmol/L\"}]"));
        JsonPath standing = evaluate(withPatient(patient, "\"activity\": {\"standingHoursPerDay\": 8}"));
        String k = lowPotassium.getString("evaluationId");
        String s = standing.getString("evaluationId");

        auditor().queryParams(Map.of("patientId", patient, "rule", "Low serum potassium"))
                .when().get("/api/v1/evaluations").then().statusCode(200).body("items.evaluationId", contains(k));
        auditor().queryParams(Map.of("patientId", patient, "cause", "OVERUSE_OR_STRAIN"))
                .when().get("/api/v1/evaluations").then().body("items.evaluationId", contains(s));
        auditor().queryParams(Map.of("patientId", patient, "advice", "CONSULT_PROFESSIONAL"))
                .when().get("/api/v1/evaluations").then().body("items.evaluationId", contains(k));
        auditor().queryParams(Map.of("patientId", patient, "rule", "Prolonged standing", "advice", "LOW_IMPACT_EXERCISE"))
                .when().get("/api/v1/evaluations").then().body("items.evaluationId", contains(s));
        auditor().queryParams(Map.of("patientId", patient, "rulesetVersion", lowPotassium.getString("rulesetVersion")))
                .when().get("/api/v1/evaluations").then().body("items.evaluationId", contains(s, k));
        auditor().queryParams(Map.of("patientId", patient, "from", before.toString(), "to", standing.getString("evaluatedAt")))
                .when().get("/api/v1/evaluations").then().body("items.evaluationId", contains(k));
        auditor().queryParams(Map.of("patientId", patient, "from", Instant.now().plusSeconds(60).toString()))
                .when().get("/api/v1/evaluations").then().body("items", empty());
    }

    @Test
    void shouldPageNewestFirstWithAnOpaqueCursor() {
        String patient = newPatientId();
        String first = evaluate(withPatient(patient, "")).getString("evaluationId");
        String second = evaluate(withPatient(patient, "")).getString("evaluationId");
        String third = evaluate(withPatient(patient, "")).getString("evaluationId");

        JsonPath page1 = auditor().queryParams(Map.of("patientId", patient, "limit", "2"))
                .when().get("/api/v1/evaluations").then().statusCode(200)
                .body("items.evaluationId", contains(third, second))
                .body("nextCursor", notNullValue())
                .extract().jsonPath();
        auditor().queryParams(Map.of("patientId", patient, "limit", "2", "cursor", page1.getString("nextCursor")))
                .when().get("/api/v1/evaluations").then().statusCode(200)
                .body("items.evaluationId", contains(first))
                .body("nextCursor", nullValue());
    }

    @Test
    void shouldReplayAnEvaluationReproducingTheStoredAnswerExactly() throws Exception {
        JsonPath answer = evaluate(Files.readString(Path.of("src/test/resources/spec-example.json")));
        String id = answer.getString("evaluationId");

        JsonPath replay = auditor().when().post("/api/v1/evaluations/" + id + "/replay").then().statusCode(200)
                .body("evaluationId", is(id))
                .body("original.rulesetVersion", is(answer.getString("rulesetVersion")))
                .body("active.rulesetVersion", is(answer.getString("rulesetVersion")))
                .body("reproducesStoredAnswer", is(true))
                .body("sameConclusion", is(true))
                .body("difference.causesAdded", empty())
                .extract().jsonPath();
        Map<String, Object> replayed = replay.getMap("original.answer");
        Map<String, Object> original = answer.getMap("");
        for (String key : List.of("rulesetVersion", "causes", "advice", "unrecognized", "trace", "disclaimer")) {
            assertThat(replayed.get(key)).as(key).isEqualTo(original.get(key));
        }
    }

    @Test
    void shouldServeTheFilesOfARulesetThatAnsweredADecision() {
        String version = evaluate("{}").getString("rulesetVersion");
        JsonPath active = auditor().when().get("/api/v1/ruleset").then().extract().jsonPath();
        auditor().when().get("/api/v1/rulesets/" + version).then().statusCode(200)
                .body("version", is(version))
                .body("files.path", is(active.getList("files.path")))
                .body("files.sha256", is(active.getList("files.sha256")))
                .body("files.find { it.path == 'tables/thresholds.csv' }.content", containsString("potassium.low,3.5"));
        // A version no run has archived (the PostgreSQL test database is kept between runs).
        String unknown = "sha256:" + (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        auditor().when().get("/api/v1/rulesets/" + unknown).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldKeepTheAuditLogForAuditorsOnly() {
        String id = evaluate("{}").getString("evaluationId");
        for (String user : List.of("requester", "rule-admin")) {
            given().auth().preemptive().basic(user, user).when().get("/api/v1/evaluations/" + id).then().statusCode(403);
            given().auth().preemptive().basic(user, user).when().get("/api/v1/evaluations").then().statusCode(403);
            given().auth().preemptive().basic(user, user).when().post("/api/v1/evaluations/" + id + "/replay")
                    .then().statusCode(403);
            given().auth().preemptive().basic(user, user).when().get("/api/v1/rulesets/sha256:" + "0".repeat(64))
                    .then().statusCode(403);
        }
        given().when().get("/api/v1/evaluations/" + id).then().statusCode(401);
        given().auth().preemptive().basic("auditor", "auditor").when().delete("/api/v1/evaluations/" + id)
                .then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void shouldRefuseBadQueriesNamingTheParameter() {
        for (var bad : List.of(Map.of("limit", "0"), Map.of("limit", "501"), Map.of("limit", "ten"),
                Map.of("from", "yesterday"), Map.of("cursor", "not-a-cursor"), Map.of("cause", "DEHYDRATION"),
                Map.of("advice", "REST"), Map.of("rulesetVersion", "v1"), Map.of("patientId", "has space"))) {
            String parameter = bad.keySet().iterator().next();
            auditor().queryParams(bad).when().get("/api/v1/evaluations").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem(parameter))
                    .body("errors", hasSize(1));
        }
        auditor().when().get("/api/v1/evaluations/not-a-uuid").then().statusCode(400).body("errors[0].field", is("id"));
        auditor().when().get("/api/v1/evaluations/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        auditor().queryParam("limit", "500").when().get("/api/v1/evaluations").then().statusCode(200);
    }
}
