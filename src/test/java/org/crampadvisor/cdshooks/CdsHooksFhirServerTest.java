package org.crampadvisor.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.crampadvisor.cdshooks.CdsHooksRequests.SYNTHEA;
import static org.crampadvisor.cdshooks.CdsHooksRequests.SYNTHEA_PATIENT;
import static org.crampadvisor.cdshooks.CdsHooksRequests.resource;
import static org.crampadvisor.cdshooks.CdsHooksRequests.syntheaConditions;
import static org.crampadvisor.cdshooks.CdsHooksRequests.text;
import static org.crampadvisor.cdshooks.CdsHooksServiceTest.LEG_CRAMP_CAUSES;
import static org.crampadvisor.cdshooks.CdsHooksServiceTest.cards;
import static org.crampadvisor.cdshooks.CdsHooksServiceTest.post;
import static org.crampadvisor.cdshooks.CdsHooksServiceTest.record;
import static org.hamcrest.Matchers.containsString;

/**
 * The prefetch fallback (SPEC section 8) against a FHIR server on this machine: a JDK HttpServer that serves
 * the Synthea patient's bundles (the fixtures) at the URLs of our prefetch queries, and records what it was
 * asked. Not a mock of the service's client: the service talks HTTP to it as to an EHR's FHIR server.
 */
@QuarkusTest
class CdsHooksFhirServerTest {

    private static final String ACCESS_TOKEN = "some-opaque-fhir-access-token";

    private record Asked(String resourceType, String path, String query, String authorization) {
    }

    /** How the server answers one resource type instead of serving the fixture. */
    private record Answer(int status, String body, CountDownLatch holdUntil) {
    }

    private static HttpServer server;
    private static ExecutorService threads;
    private static final List<Asked> ASKED = new CopyOnWriteArrayList<>();
    private static final Map<String, Answer> INSTEAD = new ConcurrentHashMap<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            logged.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void startFhirServer() throws IOException {
        threads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/fhir/", CdsHooksFhirServerTest::serve);
        server.start();
    }

    @AfterAll
    static void stopFhirServer() {
        server.stop(0);
        threads.shutdownNow();
    }

    @BeforeEach
    void listen() {
        ASKED.clear();
        INSTEAD.clear();
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(capture);
        INSTEAD.values().forEach(a -> {
            if (a.holdUntil() != null) {
                a.holdUntil().countDown();
            }
        });
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/fhir/".length());
        String query = exchange.getRequestURI().getRawQuery();
        String type = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        ASKED.add(new Asked(type, path, query == null ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst("Authorization")));
        Answer answer = INSTEAD.getOrDefault(type, fixture(type, path));
        if (answer.holdUntil() != null) {
            try {
                answer.holdUntil().await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
        try {
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException gone) {
            // The service stopped waiting and closed the connection.
        } finally {
            exchange.close();
        }
    }

    private static Answer fixture(String type, String path) {
        return switch (type) {
            case "Patient" -> path.equals("Patient/" + SYNTHEA_PATIENT)
                    ? new Answer(200, CdsHooksTokens.fixture(SYNTHEA + "patient.json"), null)
                    : new Answer(404, CdsHooksTokens.fixture("fhir/derived/bundle-operation-outcome.json"), null);
            case "Observation" -> new Answer(200, CdsHooksTokens.fixture(SYNTHEA + "labs.json"), null);
            case "MedicationRequest" -> new Answer(200, CdsHooksTokens.fixture(SYNTHEA + "medications.json"), null);
            // The Synthea conditions with the derived leg cramps Condition, so that the patient is evaluated.
            case "Condition" -> new Answer(200, text(syntheaConditions(true)), null);
            default -> new Answer(404, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                    + "\"code\":\"not-found\"}]}", null);
        };
    }

    private static String fhirBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    /** The specification's example call, pointed at the test FHIR server and the Synthea patient. */
    private static ObjectNode exampleCall() {
        ObjectNode call = resource("cds-hooks/patient-view-request-example.json");
        call.put("fhirServer", fhirBase());
        ((ObjectNode) call.get("context")).put("patientId", SYNTHEA_PATIENT);
        return call;
    }

    @Test
    void shouldReadEveryKeyTheEhrDidNotSendWithItsAccessTokenAndNeverKeepOrLogTheToken() {
        // A refused call, so that the capture has seen the service log.
        given().when().get("/cds-services").then().statusCode(401);

        JsonNode cards = cards(LEG_CRAMP_CAUSES, exampleCall());

        assertThat(cards.size()).isPositive();
        assertThat(ASKED).extracting(Asked::resourceType)
                .containsExactlyInAnyOrder("Patient", "Observation", "MedicationRequest", "Condition");
        assertThat(ASKED).extracting(Asked::authorization).containsOnly("Bearer " + ACCESS_TOKEN);
        Asked labs = ASKED.stream().filter(a -> a.resourceType().equals("Observation")).findFirst().orElseThrow();
        assertThat(labs.query()).contains("patient=" + SYNTHEA_PATIENT, "http://loinc.org|6298-4",
                "status=final,amended,corrected");
        Asked conditions = ASKED.stream().filter(a -> a.resourceType().equals("Condition")).findFirst().orElseThrow();
        assertThat(conditions.query()).contains("clinical-status=active,recurrence,relapse");

        JsonNode record = record(CardRules.evaluationId(cards.get(0)));
        assertThat(record.path("request").path("labs").toString()).contains("potassium");
        assertThat(record.toString()).doesNotContain(ACCESS_TOKEN);
        assertThat(logged).anyMatch(line -> line.contains("refused"));
        assertThat(logged).noneMatch(line -> line.contains(ACCESS_TOKEN));
    }

    @Test
    void shouldReadOnlyTheKeysTheEhrDidNotSend() {
        ObjectNode call = exampleCall();
        ObjectNode prefetch = call.putObject("prefetch");
        prefetch.set("patient", resource(SYNTHEA + "patient.json"));
        prefetch.set("conditions", syntheaConditions(true));
        cards(LEG_CRAMP_CAUSES, call);
        assertThat(ASKED).extracting(Asked::resourceType).containsExactlyInAnyOrder("Observation", "MedicationRequest");
    }

    @Test
    void shouldAskNothingMoreForAPatientWithoutLegCramps() {
        INSTEAD.put("Condition", new Answer(200, CdsHooksTokens.fixture(SYNTHEA + "conditions.json"), null));
        post(LEG_CRAMP_CAUSES, exampleCall()).statusCode(200).body(org.hamcrest.Matchers.is("{\"cards\":[]}"));
        assertThat(ASKED).extracting(Asked::resourceType).containsExactly("Condition");
    }

    @Test
    void shouldTreatAnOperationOutcomeFromTheServerAsMissing() {
        INSTEAD.put("Observation", new Answer(200,
                CdsHooksTokens.fixture("fhir/derived/bundle-operation-outcome.json"), null));
        JsonNode cards = cards(LEG_CRAMP_CAUSES, exampleCall());
        assertThat(cards.size()).isPositive();
        assertThat(cards.get(0).path("detail").asText()).contains("OperationOutcome");
        assertThat(record(CardRules.evaluationId(cards.get(0))).path("request").has("labs")).isFalse();
    }

    @Test
    void shouldAnswer412WhenTheFhirServerRefusesTheToken() {
        INSTEAD.put("MedicationRequest", new Answer(401, "{\"resourceType\":\"OperationOutcome\",\"issue\":["
                + "{\"severity\":\"error\",\"code\":\"login\"}]}", null));
        post(LEG_CRAMP_CAUSES, exampleCall()).statusCode(412).contentType("application/problem+json")
                .body("detail", containsString("refused"));
    }

    @Test
    void shouldAnswer412WhenTheFhirServerDoesNotAnswerInTime() {
        // The server holds the lab query until the test is over: the service's deadline passes first.
        INSTEAD.put("Observation", new Answer(200, CdsHooksTokens.fixture(SYNTHEA + "labs.json"), new CountDownLatch(1)));
        post(LEG_CRAMP_CAUSES, exampleCall()).statusCode(412).contentType("application/problem+json")
                .body("detail", containsString("did not answer"));
    }
}
