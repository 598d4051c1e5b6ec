package org.crampadvisor.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.EvaluationService;
import org.crampadvisor.evaluation.StrictJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** SPEC section 3's explanations over HTTP: missingInputs, ?explain=why-not, and the auditor's why-not and graph. */
@QuarkusTest
class ExplanationApiTest {

    private static final String LOW_NORMAL_POTASSIUM = """
            {"patient": {"id": "%s"}, "labs": [{"analyte": "potassium", "value": 3.65, "unit": "mmol/L"}],
             "activity": {"intensity": "light"}}""";

    @Inject
    EvaluationService evaluations;

    private static RequestSpecification requester() {
        return given().auth().preemptive().basic("requester", "requester").contentType(ContentType.JSON);
    }

    private static RequestSpecification auditor() {
        return given().auth().preemptive().basic("auditor", "auditor");
    }

    private static String body() {
        return LOW_NORMAL_POTASSIUM.formatted("explain-" + UUID.randomUUID());
    }

    @Test
    void shouldAnswerWithMissingInputsAndWithoutWhyNotUnlessAsked() {
        JsonPath answer = requester().body(body()).when().post("/api/v1/evaluations")
                .then().statusCode(200)
                .body("$", not(hasKey("whyNot")))
                .body("missingInputs.input", hasItem("labs[analyte=magnesium]"))
                .body("missingInputs.input", not(hasItem("labs[analyte=potassium]")))
                .body("missingInputs.find { it.input == 'labs[analyte=magnesium]' }.label", is("serum magnesium"))
                .body("missingInputs.find { it.input == 'labs[analyte=magnesium]' }.couldConclude", contains("ELECTROLYTE_IMBALANCE"))
                .body("missingInputs.find { it.input == 'labs[analyte=magnesium]' }.rules", contains("Low serum magnesium"))
                .extract().jsonPath();

        // The audit record holds the answer as sent, missingInputs included.
        auditor().when().get("/api/v1/evaluations/" + answer.getString("evaluationId"))
                .then().statusCode(200)
                .body("response.missingInputs.input", hasItem("labs[analyte=magnesium]"))
                .body("response", not(hasKey("whyNot")));
    }

    @Test
    void shouldExplainWhyNotWhenAskedAndKeepItInTheRecord() {
        JsonPath answer = requester().body(body()).when().post("/api/v1/evaluations?explain=why-not")
                .then().statusCode(200)
                .body("causes", empty())
                .body("whyNot.cause", contains("ELECTROLYTE_IMBALANCE", "MEDICATION_OR_SUBSTANCE", "NEUROLOGICAL_DISORDER",
                        "NUTRITIONAL_DEFICIENCY", "OVERUSE_OR_STRAIN"))
                .extract().jsonPath();
        Map<String, Object> potassium = answer.getMap(
                "whyNot.find { it.cause == 'ELECTROLYTE_IMBALANCE' }.rules.find { it.rule == 'Low serum potassium' }");
        assertThat(potassium).containsEntry("kind", "not-met")
                .containsEntry("file", "causes/electrolyte-imbalance.drl")
                .containsEntry("condition", "canonicalValue < $limit.value")
                .containsEntry("text", "Serum potassium 3.65 mmol/L is not below 3.5 mmol/L")
                .doesNotContainKey("input");
        assertThat((List<?>) potassium.get("facts")).hasSize(2);
        Map<String, Object> magnesium = answer.getMap(
                "whyNot.find { it.cause == 'ELECTROLYTE_IMBALANCE' }.rules.find { it.rule == 'Low serum magnesium' }");
        assertThat(magnesium).containsEntry("kind", "missing").containsEntry("input", "labs[analyte=magnesium]")
                .containsEntry("text", "Serum magnesium not reported");

        auditor().when().get("/api/v1/evaluations/" + answer.getString("evaluationId"))
                .then().statusCode(200)
                .body("response.whyNot.find { it.cause == 'ELECTROLYTE_IMBALANCE' }.rules.find { it.rule == 'Low serum potassium' }.text",
                        is("Serum potassium 3.65 mmol/L is not below 3.5 mmol/L"));
    }

    @Test
    void shouldRefuseAnUnknownExplainValueNamingTheParameterAndStoreNothing() {
        String patient = "explain-refused-" + UUID.randomUUID();
        requester().body(LOW_NORMAL_POTASSIUM.formatted(patient)).when().post("/api/v1/evaluations?explain=why")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("explain"))
                .body("errors[0].message", containsString("why-not"));
        requester().body(LOW_NORMAL_POTASSIUM.formatted(patient)).when().post("/api/v1/evaluations?explain=")
                .then().statusCode(400)
                .body("errors[0].field", is("explain"));

        auditor().queryParam("patientId", patient).when().get("/api/v1/evaluations")
                .then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void shouldExplainAStoredEvaluationForAnAuditorOnly() {
        String id = requester().body(body()).when().post("/api/v1/evaluations?explain=why-not")
                .then().statusCode(200).extract().path("evaluationId");
        List<Object> whyNotAnswered = given().auth().preemptive().basic("auditor", "auditor")
                .when().get("/api/v1/evaluations/" + id).then().statusCode(200).extract().path("response.whyNot");

        JsonPath stored = auditor().when().get("/api/v1/evaluations/" + id + "/why-not")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("evaluationId", is(id))
                .body("rulesetVersion", startsWith("sha256:"))
                .body("reproducesStoredAnswer", is(true))
                .body("missingInputs.input", hasItem("labs[analyte=magnesium]"))
                .extract().jsonPath();
        assertThat(stored.getList("whyNot")).isEqualTo(whyNotAnswered);

        requester().when().get("/api/v1/evaluations/" + id + "/why-not").then().statusCode(403);
        given().when().get("/api/v1/evaluations/" + id + "/why-not").then().statusCode(401);
        auditor().when().get("/api/v1/evaluations/" + UUID.randomUUID() + "/why-not").then().statusCode(404);
        auditor().when().get("/api/v1/evaluations/not-an-id/why-not")
                .then().statusCode(400).body("errors[0].field", is("id"));
    }

    @Test
    void shouldExplainAStoredEvaluationOnTheRulesetVersionThatAnsweredIt() throws Exception {
        Path older = RulesFolderCopy.of(RulesFolderFixture.RULES, Files.createTempDirectory(Path.of("target"), "older-rules")
                .resolve("rules"));
        RulesFolderCopy.replace(older, "tables/thresholds.csv", "potassium.low,3.5,", "potassium.low,3.6,");
        Ruleset olderRuleset = new RulesetCompiler().compile(older);
        EvaluationRequest request = StrictJson.newMapper().readValue(
                "{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.65, \"unit\": \"mmol/L\"}]}", EvaluationRequest.class);
        String id = evaluations.evaluateOn(olderRuleset, request, "requester").answer().evaluationId();

        auditor().when().get("/api/v1/evaluations/" + id + "/why-not")
                .then().statusCode(200)
                .body("rulesetVersion", is(olderRuleset.version()))
                .body("reproducesStoredAnswer", is(true))
                .body("whyNot.find { it.cause == 'ELECTROLYTE_IMBALANCE' }.rules.find { it.rule == 'Low serum potassium' }.text",
                        is("Serum potassium 3.65 mmol/L is not below 3.6 mmol/L"));
    }

    @Test
    void shouldGiveTheDerivationAsJsonAndAsGraphvizDot() {
        String id = requester().body("""
                {"labs": [{"analyte": "sodium", "value": 129, "unit": "mmol/L"}], "substances": {"caffeineMgPerDay": 600}}""")
                .when().post("/api/v1/evaluations").then().statusCode(200).extract().path("evaluationId");

        JsonPath graph = auditor().when().get("/api/v1/evaluations/" + id + "/graph")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("nodes.kind", hasItem("input"))
                .body("nodes.kind", hasItem("threshold"))
                .body("nodes.kind", hasItem("firing"))
                .body("nodes.kind", hasItem("evidence"))
                .body("nodes.id", hasItem("cause:ELECTROLYTE_IMBALANCE"))
                .body("nodes.id", hasItem("advice:BALANCED_DIET"))
                .body("nodes.id", hasItem("withheld:HYDRATE"))
                .body("edges.kind", hasItem("withholds"))
                .extract().jsonPath();
        List<String> ids = graph.getList("nodes.id");
        assertThat(graph.getList("edges.from", String.class)).allSatisfy(from -> assertThat(ids).contains(from));
        assertThat(graph.getList("edges.to", String.class)).allSatisfy(to -> assertThat(ids).contains(to));

        String dot = auditor().accept("text/vnd.graphviz").when().get("/api/v1/evaluations/" + id + "/graph")
                .then().statusCode(200)
                .contentType(containsString("text/vnd.graphviz"))
                .extract().asString();
        assertThat(dot).startsWith("digraph derivation {").contains("\"withheld:HYDRATE\"").contains("-> \"withheld:HYDRATE\"");

        requester().when().get("/api/v1/evaluations/" + id + "/graph").then().statusCode(403);
        auditor().when().get("/api/v1/evaluations/" + UUID.randomUUID() + "/graph").then().statusCode(404);
    }

    @Test
    void shouldDocumentTheExplanationsInOpenApi() {
        given().accept(ContentType.JSON).when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/evaluations/{id}/why-not"))
                .body("paths", hasKey("/api/v1/evaluations/{id}/graph"))
                .body("paths.'/api/v1/evaluations'.post.parameters.name", hasItem("explain"))
                .body("paths.'/api/v1/evaluations/{id}/graph'.get.responses.'200'.content", hasKey("text/vnd.graphviz"))
                .body("components.schemas", hasKey("MissingInput"))
                .body("components.schemas", hasKey("WhyNot"))
                .body("components.schemas", hasKey("DerivationGraph"))
                .body("components.schemas.Recommendation.properties", hasKey("missingInputs"))
                .body("components.schemas.Recommendation.properties", hasKey("whyNot"));
    }
}
