package org.crampadvisor.impact;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.lifecycle.EditableRules;
import org.crampadvisor.lifecycle.ReloadReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

/**
 * The impact preview over HTTP: decisions recorded through the API on both sides of the potassium limit,
 * the limit edited in the folder on disk, and the preview shows exactly the decisions between the limits,
 * without activating anything. This profile answers every preview with 202, so the background path (GET
 * for progress and report, DELETE to cancel) is the one tested.
 */
@QuarkusTest
@TestProfile(ImpactRules.class)
class ImpactApiTest {

    private static final Duration AT_MOST = Duration.ofSeconds(120);
    /** What the decisions recorded for these tests say, to their ids, oldest first. */
    private static final Map<String, String> DECISIONS = new LinkedHashMap<>();
    private static final List<String> BETWEEN_THE_LIMITS = List.of("K 3.4", "K 3.45", "K 3.42 mEq/L");
    private static Instant recordedFrom;

    @Inject
    ImpactJobs jobs;

    @Inject
    ReloadImpact reloadImpact;

    private static RequestSpecification asRuleAdmin() {
        return given().auth().preemptive().basic("rule-admin", "rule-admin");
    }

    private static String activeVersion() {
        return asRuleAdmin().when().get("/api/v1/ruleset").then().statusCode(200).extract().path("version");
    }

    @BeforeEach
    void startFromTheTestRulesWithDecisionsRecorded() {
        EditableRules.restore(ImpactRules.FOLDER);
        asRuleAdmin().when().post("/api/v1/ruleset/reload").then().statusCode(200)
                .body("status", oneOf("activated", "unchanged"));
        if (recordedFrom != null) {
            return;
        }
        recordedFrom = Instant.now();
        Map<String, String> requests = new LinkedHashMap<>();
        for (String value : List.of("3.2", "3.39", "3.4", "3.45", "3.5", "4.0")) {
            requests.put("K " + value, lab(value, "mmol/L"));
        }
        requests.put("K 3.42 mEq/L", lab("3.42", "mEq/L"));
        requests.put("nothing known", "{}");
        requests.forEach((label, body) -> DECISIONS.put(label, given().auth().preemptive().basic("requester", "requester")
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/evaluations").then().statusCode(200)
                .extract().path("evaluationId")));
    }

    private static String lab(String value, String unit) {
        return "{\"patient\": {\"id\": \"p-impact\"}, \"labs\": [{\"analyte\": \"potassium\", \"value\": " + value
                + ", \"unit\": \"" + unit + "\"}]}";
    }

    private static Response postWithEmptyObject(String query) {
        return asRuleAdmin().contentType(ContentType.JSON).body("{}").when().post("/api/v1/ruleset/impact" + query);
    }

    /** Follows a 202 to the end of the preview (waiting on the job itself, not on a clock) and returns the job as GET shows it. */
    private Response followToTheEnd(Response accepted) throws Exception {
        accepted.then().statusCode(202).contentType(ContentType.JSON)
                .header("Location", startsWith("/api/v1/ruleset/impact/"))
                .body("status", oneOf("running", "done"))
                .body("report", accepted.path("status").equals("done") ? not(nullValue()) : nullValue());
        return followToTheEnd(accepted.header("Location"));
    }

    private Response followToTheEnd(String location) throws Exception {
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(jobs.find(id).orElseThrow().awaitEnd(AT_MOST)).as("the preview ends").isTrue();
        return asRuleAdmin().when().get(location).then().statusCode(200).contentType(ContentType.JSON)
                .body("jobId", is(id.toString())).extract().response();
    }

    @Test
    void shouldPreviewAThresholdEditOnTheDecisionsEitherSideOfItWithoutActivatingIt() throws Exception {
        String active = activeVersion();
        RulesFolderCopy.replace(ImpactRules.FOLDER, Candidates.THRESHOLDS, Candidates.POTASSIUM_LOW, "potassium.low,3.4,");

        Response job = followToTheEnd(postWithEmptyObject("?since=" + recordedFrom + "&limit=1000"));

        job.then().body("status", is("done"))
                .body("compared", is(DECISIONS.size()))
                .body("total", is(DECISIONS.size()))
                .body("finishedAt", not(nullValue()))
                .body("report.activeVersion", is(active))
                .body("report.candidateVersion", not(is(active)))
                .body("report.compared", is(DECISIONS.size()))
                .body("report.changed", is(BETWEEN_THE_LIMITS.size()))
                .body("report.byChange.kinds.causeRemoved", is(BETWEEN_THE_LIMITS.size()))
                .body("report.byChange.causes.ELECTROLYTE_IMBALANCE.removed", is(BETWEEN_THE_LIMITS.size()))
                .body("report.byChange.advice.CONSULT_PROFESSIONAL.removed", is(BETWEEN_THE_LIMITS.size()))
                .body("report.byChange.rules.'Low serum potassium'.removed", is(BETWEEN_THE_LIMITS.size()))
                .body("report.examples[0].before.causes.ELECTROLYTE_IMBALANCE", is("likely"))
                .body("report.examples[0].after.causes", is(Map.of()));
        List<String> changed = job.path("report.examples.evaluationId");
        assertThat(changed).containsExactlyInAnyOrderElementsOf(BETWEEN_THE_LIMITS.stream().map(DECISIONS::get).toList());
        // Codes and ids only: no fact of any patient.
        assertThat(job.asString()).doesNotContain("3.45").doesNotContain("mmol").doesNotContain("p-impact");
        // Nothing was activated.
        assertThat(activeVersion()).isEqualTo(active);
        // The same report in plain words.
        asRuleAdmin().accept(ContentType.TEXT).when().get("/api/v1/ruleset/impact/" + job.path("jobId")).then()
                .statusCode(200).contentType(ContentType.TEXT)
                .body(containsString("Changed:   3 (37.5 %)"), containsString("a cause no longer found"));
    }

    /** As {@code curl -X POST} sends it: no body, no Content-Type (an HTTP client library adds one of its own). */
    @Test
    void shouldTakeAPostWithoutAnyBody() throws Exception {
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/ruleset/impact?since=" + recordedFrom))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "rule-admin:rule-admin".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.request().headers().firstValue("Content-Type")).isEmpty();

        Response job = followToTheEnd(accepted.headers().firstValue("Location").orElseThrow());
        job.then().body("status", is("done")).body("report.changed", is(0)).body("report.compared", is(DECISIONS.size()))
                .body("report.candidateVersion", is(activeVersion()));
    }

    @Test
    void shouldRefuseAFolderWithASyntaxErrorWithTheGatesProblems() {
        String active = activeVersion();
        RulesFolderCopy.replace(ImpactRules.FOLDER, "causes/electrolyte-imbalance.drl",
                "$lab   : LabResult( analyte == \"potassium\", canonicalValue < $limit.value )\n",
                "$lab   : LabResult( analyte == \"potassium\", canonicalValue < $limit.value\n");

        asRuleAdmin().contentType(ContentType.JSON).body("{}").when().post("/api/v1/ruleset/impact").then()
                .statusCode(422).contentType("application/problem+json")
                .body("status", is(422))
                .body("title", is("Rules folder refused"))
                .body("activeVersion", is(active))
                .body("candidateVersion", not(is(active)))
                .body("errors[0].check", is("compile"))
                .body("errors[0].file", is("causes/electrolyte-imbalance.drl"))
                .body("errors[0].line", greaterThan(0))
                .body("compared", nullValue());
    }

    @Test
    void shouldRefuseABadWindowOrLimitNamingTheParameter() {
        for (String query : List.of("since=yesterday", "since=-P1D", "since=2026-11-01")) {
            postWithEmptyObject("?" + query).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", is("since"))
                    .body("errors[0].message", containsString("ISO-8601 duration"));
        }
        for (String query : List.of("limit=0", "limit=100001", "limit=abc", "limit=1.5")) {
            postWithEmptyObject("?" + query).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", is("limit"));
        }
        postWithEmptyObject("?folder=/etc").then().statusCode(400)
                .body("errors[0].field", is("folder"));
    }

    @Test
    void shouldNeverTakeRulesOverHttp() {
        asRuleAdmin().contentType(ContentType.JSON).body("{\"rules\": \"rule \\\"x\\\" when then end\"}")
                .when().post("/api/v1/ruleset/impact").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("rules"));
        asRuleAdmin().contentType(ContentType.TEXT).body("rule \"x\" when then end")
                .when().post("/api/v1/ruleset/impact").then().statusCode(415);
    }

    @Test
    void shouldLetOnlyARuleAdminPreview() {
        for (String user : List.of("auditor", "requester")) {
            given().auth().preemptive().basic(user, user).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/v1/ruleset/impact").then().statusCode(403);
            given().auth().preemptive().basic(user, user).when().get("/api/v1/ruleset/impact/" + UUID.randomUUID())
                    .then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/ruleset/impact").then().statusCode(401);
    }

    @Test
    void shouldAnswer404ForAPreviewItDoesNotKnow() {
        asRuleAdmin().when().get("/api/v1/ruleset/impact/" + UUID.randomUUID()).then().statusCode(404);
        asRuleAdmin().when().delete("/api/v1/ruleset/impact/" + UUID.randomUUID()).then().statusCode(404);
        asRuleAdmin().when().get("/api/v1/ruleset/impact/not-a-job").then().statusCode(400)
                .body("errors[0].field", is("jobId"));
    }

    @Test
    void shouldCancelAPreviewAndThenTakeTheNext() throws Exception {
        Response accepted = postWithEmptyObject("?since=" + recordedFrom);
        accepted.then().statusCode(202);

        Response cancelled = asRuleAdmin().when().delete(accepted.header("Location")).then().statusCode(200)
                .contentType(ContentType.JSON).extract().response();
        // Whichever came first: the cancellation, or the end of so small a preview.
        cancelled.then().body("status", oneOf("cancelled", "done")).body("finishedAt", not(nullValue()));
        asRuleAdmin().when().get(accepted.header("Location")).then().statusCode(200)
                .body("status", is((String) cancelled.path("status")));

        followToTheEnd(postWithEmptyObject("?since=" + recordedFrom)).then().body("status", is("done"));
    }

    @Test
    void shouldCarryTheImpactOfAnActivationInLastReload() throws Exception {
        RulesFolderCopy.replace(ImpactRules.FOLDER, Candidates.THRESHOLDS, Candidates.POTASSIUM_LOW, "potassium.low,3.4,");

        asRuleAdmin().when().post("/api/v1/ruleset/reload").then().statusCode(200).body("status", is("activated"));
        ReloadReport.Impact impact = reloadImpact.lastComputation().get(AT_MOST.toSeconds(), TimeUnit.SECONDS);

        assertThat(impact).isEqualTo(ReloadReport.Impact.done(DECISIONS.size(), BETWEEN_THE_LIMITS.size()));
        asRuleAdmin().when().get("/api/v1/ruleset").then().statusCode(200)
                .body("lastReload.status", is("activated"))
                .body("lastReload.impact.status", is("done"))
                .body("lastReload.impact.compared", is(DECISIONS.size()))
                .body("lastReload.impact.changed", is(BETWEEN_THE_LIMITS.size()))
                .body("lastReload.errors", empty());
    }
}
