package org.crampadvisor.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schemathesis-style: requests generated at random from the published OpenAPI document, for every
 * operation under /api/. A request the document calls valid must be accepted (no 400, 413
 * or 415) and nothing may ever answer 5xx; a body broken in a way the document forbids must be refused
 * with 400. Every exchange also passes {@link OpenApiContractFilter}, so every answer matches the
 * document. The seed is fixed so that CI is repeatable; {@code -Dcontract.seed=N} explores another
 * corner and {@code -Dcontract.requests=N} sets how many requests each operation gets.
 */
@QuarkusTest
class GeneratedRequestsTest {

    private static final Logger LOG = Logger.getLogger(GeneratedRequestsTest.class);
    private static final int REQUESTS_PER_OPERATION = Integer.getInteger("contract.requests", 40);
    private static final long DEFAULT_SEED = 20261126L;
    /** A cursor is only ever issued by the service (and signed), so none can be generated. */
    private static final List<String> NOT_GENERATED = List.of("cursor");

    private record Operation(String method, String path, JsonNode item, JsonNode operation) {
    }

    @Test
    void shouldAcceptEveryValidRequestAndNeverFailWithAServerError() {
        long seed = Long.getLong("contract.seed", DEFAULT_SEED);
        LOG.infof("Generating requests from the OpenAPI document with seed %d", seed);
        Random random = new Random(seed);
        OpenApiConformance document = OpenApiContractFilter.INSTANCE.documentOf(
                URI.create("http://localhost:" + RestAssured.port));
        SchemaValues values = new SchemaValues(document);
        List<Operation> operations = operations(document.document());
        assertThat(operations).isNotEmpty();

        List<String> failures = new ArrayList<>();
        for (Operation operation : operations) {
            for (int i = 0; i < REQUESTS_PER_OPERATION; i++) {
                RequestSpecification request = given().auth().preemptive()
                        .basic("contract-tester", "contract-tester-secret");
                String path = operation.path();
                List<JsonNode> parameters = new ArrayList<>();
                operation.item().path("parameters").forEach(parameters::add);
                operation.operation().path("parameters").forEach(parameters::add);
                for (JsonNode parameter : parameters) {
                    String name = parameter.path("name").asText();
                    boolean required = parameter.path("required").asBoolean();
                    if (NOT_GENERATED.contains(name) || !required && random.nextBoolean()) {
                        continue;
                    }
                    String value = text(values.next(parameter.path("schema"), random));
                    if (parameter.path("in").asText().equals("path")) {
                        path = path.replace("{" + name + "}", value);
                    } else {
                        request.queryParam(name, value);
                    }
                }
                JsonNode body = operation.operation().path("requestBody").path("content").path("application/json");
                if (!body.isMissingNode()) {
                    request.contentType("application/json").body(values.next(body.path("schema"), random).toString());
                }
                Response response = request.when().request(operation.method(), path);
                int status = response.getStatusCode();
                if (status >= 500 || status == 400 || status == 413 || status == 415) {
                    failures.add(operation.method() + " " + path + " -> " + status + ": " + response.asString());
                }
            }
        }
        assertThat(failures).as("valid requests refused or failed (seed %d)", seed).isEmpty();
    }

    @Test
    void shouldRefuseBodiesTheDocumentForbids() {
        long seed = Long.getLong("contract.seed", DEFAULT_SEED);
        LOG.infof("Generating broken bodies with seed %d", seed);
        Random random = new Random(seed);
        OpenApiConformance document = OpenApiContractFilter.INSTANCE.documentOf(
                URI.create("http://localhost:" + RestAssured.port));
        JsonNode schema = document.document().at("/paths/~1api~1v1~1evaluations/post/requestBody/content/application~1json/schema");
        SchemaValues bodies = new SchemaValues(document);
        List<Map.Entry<String, JsonNode>> breakages = List.of(
                Map.entry("an unknown property", json("{\"unexpected\": 1}")),
                Map.entry("an age out of range", json("{\"patient\": {\"age\": 131}}")),
                Map.entry("a lab far outside its plausible range",
                        json("{\"labs\": [{\"analyte\": \"sodium\", \"value\": 14, \"unit\": \"mmol/L\"}]}")),
                Map.entry("a symptom not in the list", json("{\"symptoms\": [\"headache\"]}")),
                Map.entry("a number sent as text", json("{\"substances\": {\"caffeineMgPerDay\": \"300\"}}")));
        for (int i = 0; i < REQUESTS_PER_OPERATION; i++) {
            ObjectNode body = (ObjectNode) bodies.next(schema, random);
            Map.Entry<String, JsonNode> breakage = breakages.get(random.nextInt(breakages.size()));
            breakage.getValue().fields().forEachRemaining(field -> body.set(field.getKey(), field.getValue()));
            given().auth().preemptive().basic("requester", "requester").contentType("application/json")
                    .body(body.toString()).when().post("/api/v1/evaluations").then()
                    .statusCode(400);
        }
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(method -> {
                if (List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                    operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), path.getValue(),
                            method.getValue()));
                }
            });
        });
        return operations;
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
