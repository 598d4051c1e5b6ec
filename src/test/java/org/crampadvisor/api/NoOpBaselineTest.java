package org.crampadvisor.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/** The HTTP benchmark's baseline does what an evaluation does around the rules: auth, strict JSON, validation. */
@QuarkusTest
@TestProfile(NoOpBaselineTest.Enabled.class)
class NoOpBaselineTest {

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("advisor.benchmark.no-op-baseline", "true", "advisor.rules.watch", "false");
        }
    }

    @Test
    void shouldParseValidateAndSerialiseTheRequestWithoutEvaluatingIt() {
        given().auth().preemptive().basic("requester", "requester").contentType(ContentType.JSON)
                .body("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mmol/L\"}]}")
                .when().post("/api/v1/benchmark/no-op")
                .then().statusCode(200)
                .body("labs[0].analyte", is("potassium"))
                .body("labs[0].value", is(3.1f))
                .body("causes", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void shouldRefuseWhatAnEvaluationRefuses() {
        given().auth().preemptive().basic("requester", "requester").contentType(ContentType.JSON)
                .body("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 31, \"unit\": \"mmol/L\"}]}")
                .when().post("/api/v1/benchmark/no-op")
                .then().statusCode(400).body("errors[0].field", is("labs[0].value"));
        given().auth().preemptive().basic("auditor", "auditor").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/benchmark/no-op")
                .then().statusCode(403);
    }
}
