package org.crampadvisor.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A body that stops arriving is answered 408 once its time is up, and its connection is closed. */
@QuarkusTest
@TestProfile(BodyTimeoutTest.ShortBodyTimeout.class)
class BodyTimeoutTest {

    public static class ShortBodyTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("advisor.http.body-timeout", "PT1S", "advisor.data-dir", "target/test-data/body-timeout");
        }
    }

    @Test
    void shouldAnswerAStalledBodyWith408AndCloseTheConnection() throws Exception {
        try (RawHttp client = new RawHttp(RestAssured.port)) {
            client.send("POST /api/v1/evaluations HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + RawHttp.basic("requester", "requester") + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"labs\": ");

            RawHttp.Response response = client.read();

            assertThat(response.status()).isEqualTo(408);
            assertThat(response.headers()).containsEntry("content-type", "application/problem+json")
                    .containsEntry("connection", "close");
            assertThat(response.body()).contains("\"status\":408").contains("did not arrive within 1 s");
        }
    }
}
