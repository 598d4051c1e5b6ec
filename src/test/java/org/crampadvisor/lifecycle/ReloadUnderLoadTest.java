package org.crampadvisor.lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluations keep running while the rules are reloaded 20 times, alternating a valid change, a DRL
 * syntax error, a failing scenario and a lint failure: no request fails, and every answer names a version
 * that passed its gate. Latencies are written to target/benchmarks for the README; timing is not
 * asserted here (see ReloadBenchmark and BENCHMARKS.md).
 */
@QuarkusTest
@TestProfile(EditableRules.class)
class ReloadUnderLoadTest {

    private static final int CLIENTS = 4;
    private static final int CYCLES = 5;
    private static final Pattern VERSION = Pattern.compile("\"rulesetVersion\":\"(sha256:[0-9a-f]{64})\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final java.util.Queue<Answer> answered = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger answeredCount = new java.util.concurrent.atomic.AtomicInteger();
    private Future<?> clients;

    private record Answer(int status, long nanos, String version) {
    }

    @Test
    void shouldServeEveryRequestOnAVersionThatPassedItsGateThroughTwentyReloads() throws Exception {
        Path rules = EditableRules.FOLDER;
        EditableRules.restore(rules);
        Set<String> passedGate = ConcurrentHashMap.newKeySet();
        passedGate.add(reload(200).version());

        String example = Files.readString(Path.of("src/test/resources/spec-example.json"));
        List<String> bodies = List.of(example,
                "{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mmol/L\"}]}",
                "{\"activity\": {\"intensity\": \"intense\", \"warmsUp\": false, \"restDaysPerWeek\": 0}}",
                "{}");

        List<Reload> reloads = new ArrayList<>();
        Set<String> versionsSeenByTheTest = new java.util.HashSet<>();
        AtomicBoolean reloading = new AtomicBoolean(true);
        ExecutorService load = Executors.newSingleThreadExecutor();
        clients = load.submit(() -> runClients(bodies, reloading));
        try {
            String description = "that can make muscles cramp.\")\n    @source(\"Electrolyte Imbalance\")\nwhen\n"
                    + "    $limit : Threshold( name == \"potassium.low\" )";
            String previous = description;
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                String next = description.replace("can make muscles cramp.", "can make muscles cramp (edit " + cycle + ").");
                RuleEdits.rewordDescription(rules, previous, next);
                previous = next;
                Reload valid = reload(200);
                passedGate.add(valid.version());
                reloads.add(valid);
                // The swap happened before the reload was answered: the next request is on the new version.
                Answer after = evaluate(example);
                assertThat(after.version()).isEqualTo(valid.version());
                versionsSeenByTheTest.add(after.version());
                awaitLoadAnswersBeyond(answeredCount.get());

                RuleEdits.breakSyntax(rules);
                reloads.add(reload(422));
                awaitLoadAnswersBeyond(answeredCount.get());
                RuleEdits.fixSyntax(rules);

                RuleEdits.breakScenario(rules);
                reloads.add(reload(422));
                awaitLoadAnswersBeyond(answeredCount.get());
                RuleEdits.fixScenario(rules);

                RuleEdits.breakLint(rules);
                reloads.add(reload(422));
                awaitLoadAnswersBeyond(answeredCount.get());
                RuleEdits.fixLint(rules);
            }
        } finally {
            reloading.set(false);
            clients.get();
            load.shutdown();
        }

        assertThat(reloads).hasSize(4 * CYCLES);
        assertThat(versionsSeenByTheTest).hasSize(CYCLES);
        List<Answer> answers = List.copyOf(answered);
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(answers).allSatisfy(a -> assertThat(passedGate).contains(a.version()));
        report(reloads, sortedNanos(answers));
    }

    /** Waits until the background clients have answered more than {@code count} requests in all. */
    private void awaitLoadAnswersBeyond(int count) throws InterruptedException {
        while (answeredCount.get() <= count) {
            assertThat(clients.isDone()).as("the load clients stopped early").isFalse();
            Thread.sleep(5);
        }
    }

    private record Reload(int status, String version, long millis) {
    }

    private Reload reload(int expectedStatus) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request("/api/v1/ruleset/reload", "rule-admin")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        Matcher active = Pattern.compile("\"activeVersion\":\"(sha256:[0-9a-f]{64})\"").matcher(response.body());
        assertThat(active.find()).isTrue();
        return new Reload(response.statusCode(), active.group(1), millis);
    }

    private HttpRequest.Builder request(String path, String user) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials);
    }

    /** {@value #CLIENTS} clients, each posting the bodies in turn, back to back, while {@code running}. */
    private void runClients(List<String> bodies, AtomicBoolean running) {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                for (int i = client; running.get(); i++) {
                    answered.add(evaluate(bodies.get(i % bodies.size())));
                    answeredCount.incrementAndGet();
                }
            }));
        }
        try {
            for (Future<?> client : clients) {
                client.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    private static long[] sortedNanos(List<Answer> answers) {
        return answers.stream().mapToLong(Answer::nanos).sorted().toArray();
    }

    private Answer evaluate(String body) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request("/api/v1/evaluations", "requester")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - started;
            Matcher version = VERSION.matcher(response.body());
            return new Answer(response.statusCode(), nanos, version.find() ? version.group(1) : null);
        } catch (IOException e) {
            return new Answer(-1, System.nanoTime() - started, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, System.nanoTime() - started, null);
        }
    }

    /** Kept in target/benchmarks so that the numbers of the last run can be quoted. */
    private static void report(List<Reload> reloads, long[] nanos) {
        Map<Integer, long[]> byStatus = Map.of(
                200, reloads.stream().filter(r -> r.status() == 200).mapToLong(Reload::millis).sorted().toArray(),
                422, reloads.stream().filter(r -> r.status() == 422).mapToLong(Reload::millis).sorted().toArray());
        String text = String.format("reload under load: %d reloads (%d activated: median %d ms; %d refused: median %d ms); "
                        + "%d clients; during reloads: %s%n",
                reloads.size(), byStatus.get(200).length, median(byStatus.get(200)), byStatus.get(422).length,
                median(byStatus.get(422)), CLIENTS, latencies(nanos));
        System.out.print(text);
        try {
            Files.createDirectories(Path.of("target/benchmarks"));
            Files.writeString(Path.of("target/benchmarks/reload-under-load.txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String latencies(long[] sorted) {
        return String.format("%d evaluations, p50 %.1f ms, p99 %.1f ms, max %.1f ms", sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static long median(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
