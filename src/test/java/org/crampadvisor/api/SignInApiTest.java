package org.crampadvisor.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

/** Sign-in over HTTP: refusals are problems with one challenge, and repeated failures are slowed down. */
@QuarkusTest
class SignInApiTest {

    @Test
    void shouldMakeAUserNameThatKeepsFailingWaitWithRetryAfter() {
        String user = "guesser-" + UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            given().auth().preemptive().basic(user, "guess-" + i).when().get("/api/v1/rules").then().statusCode(401);
        }

        given().auth().preemptive().basic(user, "guess-7").when().get("/api/v1/rules").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("status", is(429))
                .body("detail", containsString("too many failed sign-ins"));
        // Another user from the same address is not held up.
        given().auth().preemptive().basic("auditor", "auditor").when().get("/api/v1/rules").then().statusCode(200);
    }

    @Test
    void shouldAnswerEveryRefusedSignInWithOneChallengeAndAProblem() {
        for (var request : new io.restassured.specification.RequestSpecification[] {
                given(), given().auth().preemptive().basic("requester", "wrong"),
                given().auth().preemptive().basic("nobody-" + UUID.randomUUID(), "x")}) {
            for (String path : new String[] {"/api/v1/rules", "/api/v1/evaluations"}) {
                var response = request.contentType("application/json").body("{}").when()
                        .request(path.endsWith("rules") ? "GET" : "POST", path)
                        .then().statusCode(401).contentType("application/problem+json").body("status", is(401))
                        .extract();
                assertThat(response.headers().getValues("WWW-Authenticate"))
                        .containsExactly("Basic realm=\"cramp-advisor\", charset=\"UTF-8\"");
            }
        }
    }
}
