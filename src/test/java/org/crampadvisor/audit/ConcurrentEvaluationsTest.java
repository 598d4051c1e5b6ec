package org.crampadvisor.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Under concurrency, every answered evaluation is in the log, whatever group it was committed in. */
@QuarkusTest
class ConcurrentEvaluationsTest {

    @Test
    void shouldRecordEveryOneOfManyConcurrentEvaluations() throws Exception {
        String patient = "concurrent-" + UUID.randomUUID();
        int requests = 64;
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> given().auth().preemptive().basic("requester", "requester")
                        .contentType(ContentType.JSON)
                        .body("{\"patient\": {\"id\": \"" + patient + "\"}, \"activity\": {\"intensity\": \"intense\"}}")
                        .when().post("/api/v1/evaluations")
                        .then().statusCode(200).extract().path("evaluationId"), clients));
            }
            List<String> ids = new ArrayList<>();
            for (CompletableFuture<String> answer : answers) {
                ids.add(answer.get());
            }
            List<String> stored = given().auth().preemptive().basic("auditor", "auditor")
                    .queryParam("patientId", patient).queryParam("limit", "500")
                    .when().get("/api/v1/evaluations")
                    .then().statusCode(200).extract().path("items.evaluationId");
            assertThat(stored).containsExactlyInAnyOrderElementsOf(ids).hasSize(requests);
        } finally {
            clients.shutdownNow();
        }
    }
}
