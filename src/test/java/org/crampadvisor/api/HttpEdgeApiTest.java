package org.crampadvisor.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP edge, where requests are framed before any endpoint sees them: every refusal is a problem
 * answer, and a client that goes away is not logged as our error.
 */
@QuarkusTest
class HttpEdgeApiTest {

    private static final String AUTHORIZATION = "Authorization: " + RawHttp.basic("requester", "requester") + "\r\n";

    private static RawHttp.Response exchange(String request) throws Exception {
        try (RawHttp client = new RawHttp(RestAssured.port)) {
            return client.send(request).read();
        }
    }

    private static void assertProblem(RawHttp.Response response, int status, String detailPart) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status).contains(detailPart);
    }

    @Test
    void shouldRefuseATenMegabyteBodyByItsContentLengthWithAProblem() throws Exception {
        RawHttp.Response response = exchange("POST /api/v1/evaluations HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION
                + "Content-Type: application/json\r\nContent-Length: 10485760\r\n\r\n{");
        assertProblem(response, 413, "larger than 64 KiB");
        assertThat(response.headers()).containsEntry("connection", "close");
    }

    @Test
    void shouldRefuseAChunkedBodyOnceItPassesTheLimit() throws Exception {
        String chunk = "[" + "\"x\",".repeat(2000) + "\"x\"]";
        StringBuilder request = new StringBuilder("POST /api/v1/evaluations HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 10; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        assertProblem(exchange(request.toString()), 413, "larger than 64 KiB");
    }

    @Test
    void shouldRefuseACompressedBody() throws Exception {
        for (String encoding : List.of("gzip", "deflate", "br")) {
            RawHttp.Response response = exchange("POST /api/v1/evaluations HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION
                    + "Content-Type: application/json\r\nContent-Encoding: " + encoding + "\r\nContent-Length: 2\r\n\r\n{}");
            assertProblem(response, 415, "without a Content-Encoding");
        }
    }

    @Test
    void shouldNotLogAClientThatLeavesMidBodyAsAnError() throws Exception {
        CountDownLatch noticed = new CountDownLatch(1);
        List<LogRecord> errors = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    errors.add(record);
                }
                if (record.getLoggerName().equals(RequestBodies.class.getName())
                        && String.valueOf(record.getMessage()).contains("closed the connection")) {
                    noticed.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            new RawHttp(RestAssured.port).send("POST /api/v1/evaluations HTTP/1.1\r\nHost: localhost\r\n" + AUTHORIZATION
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"labs\": ").close();

            assertThat(noticed.await(60, TimeUnit.SECONDS)).as("the disconnect was noticed").isTrue();
            synchronized (capture) {
                assertThat(errors).extracting(LogRecord::getMessage).isEmpty();
            }
        } finally {
            root.removeHandler(capture);
        }
    }
}
