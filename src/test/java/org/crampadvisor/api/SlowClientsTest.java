package org.crampadvisor.api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow clients cannot stall the service (issue 9): bodies are read on the event loop before dispatch,
 * so 300 connections that announce a body and send one byte of it hold no worker thread, and every
 * other request is answered while they wait.
 */
@QuarkusTest
class SlowClientsTest {

    private static final int SLOW_CLIENTS = 300;

    @TestHTTPResource(value = "metrics", management = true)
    java.net.URL metrics;

    @Test
    void shouldAnswerOtherRequestsWhileThreeHundredClientsStallMidBody() throws Exception {
        List<RawHttp> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slow.add(new RawHttp(RestAssured.port).send("POST /api/v1/evaluations HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: " + RawHttp.basic("requester", "requester") + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"));
            }

            EvaluationApiTest.asRequester().body(EvaluationApiTest.SPEC_EXAMPLE)
                    .when().post("/api/v1/evaluations").then().statusCode(200);
            given().auth().preemptive().basic("auditor", "auditor").when().get("/api/v1/ruleset").then().statusCode(200);
            given().auth().preemptive().basic("auditor", "auditor").when().get("/api/v1/rules").then().statusCode(200);
            given().when().get(metrics).then().statusCode(200);

            // They were answered while every slow client was still waiting for its body to be read.
            for (RawHttp client : slow) {
                assertThat(client.answered()).isFalse();
            }
        } finally {
            for (RawHttp client : slow) {
                client.close();
            }
        }
    }
}
