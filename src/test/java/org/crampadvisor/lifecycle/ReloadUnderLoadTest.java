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
 * syntax error, a failing scenario and a lint failure: no request fails, none is slower than ten times
 * the median, and every answer names a version that passed its gate.
 */
@QuarkusTest
@TestProfile(EditableRules.class)
class ReloadUnderLoadTest {

    private static final int CLIENTS = 4;
    private static final int CYCLES = 5;
    private static final Pattern VERSION = Pattern.compile("\"rulesetVersion\":\"(sha256:[0-9a-f]{64})\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

        runFor(Duration.ofSeconds(5), bodies);  // warm-up
        long[] quiet = sortedNanos(runFor(Duration.ofSeconds(5), bodies));

        List<Reload> reloads = new ArrayList<>();
        AtomicBoolean reloading = new AtomicBoolean(true);
        ExecutorService load = Executors.newSingleThreadExecutor();
        Future<List<Answer>> duringReloads = load.submit(() -> runClients(bodies, reloading));
        List<Answer> answers;
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

                RuleEdits.breakSyntax(rules);
                reloads.add(reload(422));
                RuleEdits.fixSyntax(rules);

                RuleEdits.breakScenario(rules);
                reloads.add(reload(422));
                RuleEdits.fixScenario(rules);

                RuleEdits.breakLint(rules);
                reloads.add(reload(422));
                RuleEdits.fixLint(rules);
            }
        } finally {
            reloading.set(false);
            answers = duringReloads.get();
            load.shutdown();
        }

        assertThat(reloads).hasSize(4 * CYCLES);
        assertThat(answers).as("answers during the reloads").hasSizeGreaterThan(100);
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(answers).allSatisfy(a -> assertThat(passedGate).contains(a.version()));
        assertThat(answers.stream().map(Answer::version).distinct().count())
                .as("answers came from several of the versions activated meanwhile").isGreaterThan(1);

        long[] nanos = sortedNanos(answers);
        long median = nanos[nanos.length / 2];
        long slowest = nanos[nanos.length - 1];
        report(reloads, quiet, nanos);
        assertThat(slowest).as("slowest request (%.1f ms) against ten times the median (%.1f ms)",
                slowest / 1e6, 10 * median / 1e6).isLessThanOrEqualTo(10 * median);
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

    private List<Answer> runFor(Duration duration, List<String> bodies) {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.set(false);
        });
        stopper.start();
        return runClients(bodies, running);
    }

    /** {@value #CLIENTS} clients, each posting the bodies in turn, back to back, while {@code running}. */
    private List<Answer> runClients(List<String> bodies, AtomicBoolean running) {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<List<Answer>>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                List<Answer> mine = new ArrayList<>();
                for (int i = client; running.get(); i++) {
                    mine.add(evaluate(bodies.get(i % bodies.size())));
                }
                return mine;
            }));
        }
        List<Answer> all = new ArrayList<>();
        try {
            for (Future<List<Answer>> client : clients) {
                all.addAll(client.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        return all;
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
    private static void report(List<Reload> reloads, long[] quiet, long[] nanos) {
        Map<Integer, long[]> byStatus = Map.of(
                200, reloads.stream().filter(r -> r.status() == 200).mapToLong(Reload::millis).sorted().toArray(),
                422, reloads.stream().filter(r -> r.status() == 422).mapToLong(Reload::millis).sorted().toArray());
        String text = String.format("reload under load: %d reloads (%d activated: median %d ms; %d refused: median %d ms); "
                        + "%d clients; without reloads: %s; during reloads: %s%n",
                reloads.size(), byStatus.get(200).length, median(byStatus.get(200)), byStatus.get(422).length,
                median(byStatus.get(422)), CLIENTS, latencies(quiet), latencies(nanos));
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
