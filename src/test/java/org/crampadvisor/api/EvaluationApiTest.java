package org.crampadvisor.api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** The evaluation contract of SPEC section 3, over HTTP. */
@QuarkusTest
class EvaluationApiTest {

    static final String SPEC_EXAMPLE = """
            {
              "patient":  { "id": "p-123", "age": 67, "sex": "female" },
              "cramps":   { "severity": "severe", "episodesPerWeek": 4, "durationWeeks": 6, "nocturnal": true },
              "labs":     [ { "analyte": "potassium", "value": 3.1, "unit": "mmol/L" },
                            { "analyte": "magnesium", "value": 1.4, "unit": "mg/dL" } ],
              "hydration":{ "fluidIntakeLitresPerDay": 1.0, "heavySweating": true, "dehydrationSigns": false },
              "diet":     { "lowIn": ["magnesium"] },
              "activity": { "intensity": "intense", "warmsUp": false, "stretches": true,
                            "restDaysPerWeek": 0, "standingHoursPerDay": 2, "repetitiveStrain": false },
              "conditions":  [ "hypertension", "Parkinson's disease" ],
              "medications": [ { "name": "Lasix" } ],
              "substances":  { "alcoholUnitsPerWeek": 10, "caffeineMgPerDay": 300, "herbalSupplements": ["licorice root"] },
              "symptoms":    [ "tremor" ]
            }""";

    static io.restassured.specification.RequestSpecification asRequester() {
        return given().auth().preemptive().basic("requester", "requester").contentType(ContentType.JSON);
    }

    @Test
    void shouldAnswerTheSpecExampleWithEveryCauseAndAdviceOrderedByCode() {
        asRequester().body(SPEC_EXAMPLE)
                .when().post("/api/v1/evaluations")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("evaluationId", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"))
                .body("evaluatedAt", notNullValue())
                .body("rulesetVersion", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("causes.code", contains("ELECTROLYTE_IMBALANCE", "MEDICATION_OR_SUBSTANCE", "NEUROLOGICAL_DISORDER",
                        "NUTRITIONAL_DEFICIENCY", "OVERUSE_OR_STRAIN"))
                .body("causes.certainty", contains("likely", "likely", "likely", "possible", "possible"))
                .body("causes[0].title", is("Electrolyte imbalance"))
                .body("causes[0].findings", hasItem("Serum potassium 3.1 mmol/L is below 3.5 mmol/L"))
                .body("causes[0].findings", hasItem("Serum magnesium 1.4 mg/dL (0.58 mmol/L) is below 0.70 mmol/L"))
                .body("causes[0].rules", hasItem("Low serum potassium"))
                .body("advice.code", contains("BALANCED_DIET", "CONSULT_PROFESSIONAL", "HYDRATE", "LOW_IMPACT_EXERCISE",
                        "REST_DAYS", "REVIEW_MEDICATION_OR_SUBSTANCES", "WARM_UP_AND_STRETCH"))
                .body("advice.find { it.code == 'HYDRATE' }.because", hasItem("ELECTROLYTE_IMBALANCE"))
                .body("advice.find { it.code == 'HYDRATE' }.because", hasItem("INTENSE_ACTIVITY"))
                .body("advice.text", everyItem(not(empty())))
                .body("withheld", empty())
                .body("unrecognized", contains(java.util.Map.of("field", "conditions[0]", "value", "hypertension")))
                .body("disclaimer", containsString("not a diagnosis"));
    }

    @Test
    void shouldWithholdHydrationOnLowSodiumAndSayWhyAndWhichRule() {
        asRequester().body("{\"labs\": [{\"analyte\": \"sodium\", \"value\": 129, \"unit\": \"mmol/L\"}],"
                        + " \"substances\": {\"caffeineMgPerDay\": 600}}")
                .when().post("/api/v1/evaluations")
                .then().statusCode(200)
                .body("advice.code", contains("BALANCED_DIET", "CONSULT_PROFESSIONAL", "REVIEW_MEDICATION_OR_SUBSTANCES"))
                .body("withheld.code", contains("HYDRATE"))
                .body("withheld[0].because", contains("LOW_SODIUM"))
                .body("withheld[0].rules", contains("Withhold hydration: low serum sodium"))
                .body("trace.find { it.rule == 'Withhold hydration: low serum sodium' }.inserted[0].fact",
                        is(java.util.Map.of("advice", "HYDRATE", "because", "LOW_SODIUM")));
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.Recommendation.properties.withheld.type", is("array"))
                .body("components.schemas.Withheld.properties.because.type", is("array"));
    }

    @Test
    void shouldTraceEveryFiringWithItsRuleFileMetadataAndFacts() {
        asRequester().body("""
                        {"labs": [{"analyte": "magnesium", "value": 1.4, "unit": "mg/dL"}]}""")
                .when().post("/api/v1/evaluations")
                .then().statusCode(200)
                .body("trace[0].sequence", is(1))
                .body("trace[0].rule", is("Low serum magnesium"))
                .body("trace[0].package", is("causes"))
                .body("trace[0].file", is("causes/electrolyte-imbalance.drl"))
                .body("trace[0].metadata.source", is("Electrolyte Imbalance"))
                .body("trace[0].metadata.description", startsWith("A serum magnesium"))
                .body("trace[0].matched.type", contains("Threshold", "LabResult"))
                .body("trace[0].matched[1].fact.value", is(1.4f))
                .body("trace[0].matched[1].fact.unit", is("mg/dL"))
                .body("trace[0].matched[1].fact.canonicalUnit", is("mmol/L"))
                .body("trace[0].matched[1].fact.field", is("labs[0]"))
                .body("trace[0].inserted[0].type", is("CauseEvidence"))
                .body("trace[0].inserted[0].fact.cause", is("ELECTROLYTE_IMBALANCE"))
                .body("trace.rule", hasItem("Refer: likely cause from an out-of-range lab value"));
    }

    @Test
    void shouldGiveGeneralPreventionWhenNothingPointsToACause() {
        asRequester().body("{}")
                .when().post("/api/v1/evaluations")
                .then().statusCode(200)
                .body("causes", empty())
                .body("advice.code", contains("BALANCED_DIET", "HYDRATE", "LOW_IMPACT_EXERCISE"))
                .body("advice.because", everyItem(contains("GENERAL_PREVENTION")))
                .body("unrecognized", empty());
    }

    @Test
    void shouldAcceptAConfiguredUserBesideTheDemoAccounts() {
        given().auth().preemptive().basic("clinic-system", "s3cret-for-tests").contentType(ContentType.JSON)
                .body("{}")
                .when().post("/api/v1/evaluations")
                .then().statusCode(200);
    }

    @Test
    void shouldReturnUnknownNamesAsUnrecognizedNotAsErrors() {
        asRequester().body("""
                        {"conditions": ["hypertension"], "medications": [{"name": "Zorvaxitol"}],
                         "substances": {"herbalSupplements": ["ginseng"]}}""")
                .when().post("/api/v1/evaluations")
                .then().statusCode(200)
                .body("unrecognized.field", contains("conditions[0]", "medications[0].name",
                        "substances.herbalSupplements[0]"))
                .body("unrecognized.value", contains("hypertension", "Zorvaxitol", "ginseng"));
    }

    @Test
    void shouldListTheActiveRulesWithFileLineAndMetadata() {
        given().auth().preemptive().basic("auditor", "auditor")
                .when().get("/api/v1/rules")
                .then().statusCode(200)
                .body("name", hasItem("Low serum potassium"))
                .body("find { it.name == 'Low serum potassium' }.file", is("causes/electrolyte-imbalance.drl"))
                .body("find { it.name == 'Low serum potassium' }.package", is("causes"))
                .body("find { it.name == 'Low serum potassium' }.line", is(9))
                .body("metadata", everyItem(hasKey("source")))
                .body("metadata", everyItem(hasKey("description")))
                .body("find { it.name == 'Low serum potassium' }.firedByScenarios.file",
                        hasItem("scenarios/electrolyte-low-potassium.yaml"))
                .body("firedByScenarios", everyItem(not(empty())));
    }

    @Test
    void shouldDescribeTheActiveRulesetWithFileHashes() {
        given().auth().preemptive().basic("rule-admin", "rule-admin")
                .when().get("/api/v1/ruleset")
                .then().statusCode(200)
                .body("version", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("loadedAt", notNullValue())
                .body("files.path", hasItem("causes/electrolyte-imbalance.drl"))
                .body("files.path", hasItem("tables/thresholds.csv"))
                .body("files.path", not(hasItem(startsWith("scenarios/"))))
                .body("files.sha256", everyItem(matchesPattern("[0-9a-f]{64}")))
                .body("lastReload.status", org.hamcrest.Matchers.oneOf("activated", "unchanged"))
                .body("lastReload.scenarios.failed", is(0))
                .body("lastReload.errors", empty());
    }

    @TestHTTPResource(value = "health/ready", management = true)
    java.net.URL readiness;

    @TestHTTPResource(value = "metrics", management = true)
    java.net.URL metrics;

    @Test
    void shouldServeHealthAndMetricsOnTheManagementInterfaceAndOpenApiOnTheMainPort() {
        given().when().get(readiness).then().statusCode(200).body("checks.name", hasItem("ruleset"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/evaluations"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        asRequester().body("{}").post("/api/v1/evaluations").then().statusCode(200);
        given().when().get(metrics).then().statusCode(200).body(containsString("advisor_evaluations_seconds"));
        given().when().get("/q/health/ready").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
    }
}
