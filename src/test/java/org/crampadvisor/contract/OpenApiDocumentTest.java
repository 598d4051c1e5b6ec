package org.crampadvisor.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The published document itself: complete about errors, closed objects, and examples that work. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final List<String> EVERY_API_OPERATION_DOCUMENTS = List.of("400", "401", "403", "405", "406", "429", "500");

    private static OpenApiConformance published() {
        return OpenApiContractFilter.INSTANCE.documentOf(URI.create("http://localhost:" + RestAssured.port));
    }

    @Test
    void shouldDocumentEveryProblemOfEveryApiOperationAsProblemJson() {
        JsonNode paths = published().document().path("paths");
        List<String> missing = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            for (String status : EVERY_API_OPERATION_DOCUMENTS) {
                if (!operation.getValue().path("responses").path(status).path("content").has("application/problem+json")) {
                    missing.add(operation.getKey() + " " + path.getKey() + " " + status);
                }
            }
        }));
        assertThat(missing).isEmpty();
    }

    @Test
    void shouldStatePlausibleRangesNotTheLimitsOfJavaTypes() {
        String document = published().document().toString();
        assertThat(document).doesNotContain("9223372036854775807").doesNotContain("2147483647");
        JsonNode age = published().document().at("/components/schemas/PatientInput/properties/age");
        assertThat(age.path("minimum").asInt()).isZero();
        assertThat(age.path("maximum").asInt()).isEqualTo(130);
        assertThat(published().document().at("/components/schemas/EvaluationPage/properties/nextCursor/type").toString())
                .contains("null");
        assertThat(published().document().at("/components/schemas/EvaluationRequest/additionalProperties").asBoolean(true))
                .isFalse();
    }

    @Test
    void shouldAnswerTheExampleSwaggerUiFillsInWith200() {
        JsonNode media = published().document().at("/paths/~1api~1v1~1evaluations/post/requestBody/content/application~1json");
        JsonNode example = media.path("examples").elements().next().path("value");
        assertThat(published().validate(media.path("schema"), example)).isEmpty();

        given().auth().preemptive().basic("requester", "requester").contentType("application/json")
                .body(example.toString()).when().post("/api/v1/evaluations").then().statusCode(200);
    }
}
