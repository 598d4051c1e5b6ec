package org.crampadvisor.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Issue 9: as strict at every edge as inside the body, and every refusal a problem in our own words.
 */
@QuarkusTest
class StrictEdgesApiTest {

    private static RequestSpecification auditor() {
        return given().auth().preemptive().basic("auditor", "auditor");
    }

    /** RestAssured adds a charset and a Content-Type of its own unless told not to. */
    private static RequestSpecification requesterSendingHeadersAsWritten() {
        return given().auth().preemptive().basic("requester", "requester").config(RestAssuredConfig.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    @Test
    void shouldRefuseAnUnknownQueryParameterNamingIt() {
        auditor().queryParam("patient_id", "p-123").when().get("/api/v1/evaluations").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("patient_id"))
                .body("errors[0].message", containsString("patientId"));
        auditor().queryParam("verbose", "true").when().get("/api/v1/rules").then()
                .statusCode(400).body("errors[0].field", is("verbose"))
                .body("errors[0].message", containsString("takes none"));
        EvaluationApiTest.asRequester().queryParam("dryRun", "1").body("{}").when().post("/api/v1/evaluations").then()
                .statusCode(400).body("errors[0].field", is("dryRun"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(textBlock = """
            limit,  abc,        whole number
            limit,  1.5,        whole number
            limit,  99999999999, whole number
            from,   yesterday,  ISO-8601
            cause,  electrolyte_imbalance, ELECTROLYTE_IMBALANCE
            advice, REST,       CONSULT_PROFESSIONAL
            rule,   '',         no value
            patientId, '',      no value
            """)
    void shouldRefuseAnUnconvertibleQueryValueNamingTheParameter(String parameter, String value, String hint) {
        auditor().queryParam(parameter, value).when().get("/api/v1/evaluations").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", is(parameter))
                .body("errors[0].message", containsString(hint));
    }

    @Test
    void shouldRefuseAnEvaluationIdThatIsNotACanonicalUuid() {
        auditor().when().get("/api/v1/evaluations/1-1-1-1-1").then().statusCode(400).body("errors[0].field", is("id"));
    }

    @Test
    void shouldRefuseLoneSurrogatesInStrings() {
        for (String body : new String[] {"{\"conditions\": [\"ok\\ud800\"]}", "{\"patient\": {\"id\": \"\\udc00\"}}",
                "{\"medications\": [{\"name\": \"Lasix\\udbff\"}]}"}) {
            EvaluationApiTest.asRequester().body(body).when().post("/api/v1/evaluations").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].message", containsString("unpaired surrogate"));
        }
        EvaluationApiTest.asRequester().body("{\"conditions\": [\"\\ud83d\\ude00 ok\"]}").when()
                .post("/api/v1/evaluations").then().statusCode(200);
    }

    @Test
    void shouldRefuseABodyWithoutContentTypeOrInAnotherCharset() throws Exception {
        try (RawHttp client = new RawHttp(io.restassured.RestAssured.port)) {
            RawHttp.Response response = client.send("POST /api/v1/evaluations HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + RawHttp.basic("requester", "requester") + "\r\nContent-Length: 2\r\n\r\n{}").read();
            org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(415);
            org.assertj.core.api.Assertions.assertThat(response.body()).contains("no Content-Type");
        }
        requesterSendingHeadersAsWritten().contentType("application/json; charset=ISO-8859-1").body("{}".getBytes())
                .when().post("/api/v1/evaluations").then()
                .statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("UTF-8"));
        requesterSendingHeadersAsWritten().contentType("application/json; charset=utf-8").body("{}".getBytes())
                .when().post("/api/v1/evaluations").then().statusCode(200);
        requesterSendingHeadersAsWritten().contentType("application/json").body("{}".getBytes())
                .when().post("/api/v1/evaluations").then().statusCode(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"substances": {"caffeineMgPerDay": NaN}}    | NaN and Infinity are not JSON numbers
            {"patient": {"age": 99999999999}}            | too large a number
            {"patient": {"age": 1}                       | ends before the JSON is complete
            {patient: {}}                                | property names and strings need double quotes
            {"conditions": [maybe]}                      | the only words are true, false and null
            """)
    void shouldExplainMalformedJsonInOurOwnWords(String body, String message) {
        EvaluationApiTest.asRequester().body(body).when().post("/api/v1/evaluations").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", allOf(containsString(message), not(containsString("JsonReadFeature")),
                        not(containsString("Java")), not(containsString("int ("))));
    }

    @Test
    void shouldAnswerAMethodAPathLacksWith405AndTheMethodsItTakes() {
        var refused = auditor().when().delete("/api/v1/evaluations").then()
                .statusCode(405).contentType("application/problem+json").extract();
        org.assertj.core.api.Assertions.assertThat(refused.headers().getValues("Allow"))
                .containsExactly("GET, HEAD, POST, OPTIONS");
        auditor().when().put("/api/v1/rules").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        auditor().when().get("/api/v1/ruleset/reload").then().statusCode(405).header("Allow", "POST, OPTIONS");
    }

    @Test
    void shouldAnswerOptionsWithExactlyTheMethodsThatWork() {
        for (Map.Entry<String, String> path : Map.of(
                "/api/v1/rules", "GET, HEAD, OPTIONS",
                "/api/v1/evaluations", "GET, HEAD, POST, OPTIONS",
                "/api/v1/evaluations/0193c1f2-0000-7000-8000-000000000000/replay", "POST, OPTIONS").entrySet()) {
            var response = auditor().when().options(path.getKey()).then().statusCode(204).extract();
            org.assertj.core.api.Assertions.assertThat(response.headers().getValues("Allow")).containsExactly(path.getValue());
        }
    }
}
