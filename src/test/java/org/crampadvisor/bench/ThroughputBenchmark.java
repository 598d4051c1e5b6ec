package org.crampadvisor.bench;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluations per second at 16 concurrent clients, each sending its next request when the previous one
 * is answered, over loopback. Subclasses choose the store. The clients run in the same JVM and on the
 * same 2 cores as the service, as any load generator on this machine would.
 */
@Tag("benchmark")
abstract class ThroughputBenchmark {

    static final int CLIENTS = 16;
    static final Duration WARM_UP = Duration.ofSeconds(10);
    static final Duration MEASURED = Duration.ofSeconds(30);

    @TestHTTPResource("/api/v1/evaluations")
    URI evaluations;

    abstract String store();

    @Test
    void measureThroughputAtSixteenClients() throws Exception {
        List<String> bodies = List.of(
                Files.readString(Path.of("src/test/resources/spec-example.json")),
                "{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mmol/L\"}], \"patient\": {\"id\": \"bench-1\"}}",
                "{\"activity\": {\"intensity\": \"intense\", \"warmsUp\": false, \"restDaysPerWeek\": 0}}",
                "{}");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String authorization = "Basic " + Base64.getEncoder().encodeToString("requester:requester".getBytes(StandardCharsets.UTF_8));

        run(client, authorization, bodies, WARM_UP, null);
        List<long[]> latencies = new ArrayList<>();
        long[] cpuBefore = {threadCpuNanos("audit-writer"), threadCpuNanos("audit-indexer")};
        long processCpuBefore = processCpuNanos();
        long answered = run(client, authorization, bodies, MEASURED, latencies);
        long[] cpuAfter = {threadCpuNanos("audit-writer"), threadCpuNanos("audit-indexer")};
        long processCpu = processCpuNanos() - processCpuBefore;

        long[] all = latencies.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        Stats.report(String.format("throughput store=%s clients=%d seconds=%d evaluations=%d per_second=%.0f p50_ms=%.2f p99_ms=%.2f"
                        + " writer_cpu_us_per_record=%.1f indexer_cpu_us_per_record=%.1f process_cpu_us_per_record=%.0f",
                store(), CLIENTS, MEASURED.toSeconds(), answered, answered / (double) MEASURED.toSeconds(),
                Stats.percentileMillis(all, 50), Stats.percentileMillis(all, 99),
                (cpuAfter[0] - cpuBefore[0]) / 1e3 / answered, (cpuAfter[1] - cpuBefore[1]) / 1e3 / answered,
                processCpu / 1e3 / answered));
        assertThat(answered).isPositive();
    }

    /** CPU time of the live thread of that name (the store's own threads), 0 when there is none. */
    private static long threadCpuNanos(String name) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(name)) {
                return Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return 0;
    }

    /** CPU time of the whole JVM: service, clients and all (they share the machine). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private long run(HttpClient client, String authorization, List<String> bodies, Duration duration,
                     List<long[]> latencies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicLong answered = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        try {
            List<Future<long[]>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int offset = c;
                clients.add(pool.submit(() -> {
                    long[] times = new long[1 << 20];
                    int n = 0;
                    for (int i = offset; System.nanoTime() < end; i++) {
                        HttpRequest request = HttpRequest.newBuilder(evaluations)
                                .header("Content-Type", "application/json").header("Authorization", authorization)
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
                        long started = System.nanoTime();
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("status " + response.statusCode());
                        }
                        if (n < times.length) {
                            times[n++] = System.nanoTime() - started;
                        }
                        answered.incrementAndGet();
                    }
                    return java.util.Arrays.copyOf(times, n);
                }));
            }
            for (Future<long[]> c : clients) {
                long[] times = c.get();
                if (latencies != null) {
                    latencies.add(times);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return answered.get();
    }
}
