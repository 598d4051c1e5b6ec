package org.crampadvisor.bench;

import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.impact.AuditedDecisions;
import org.crampadvisor.impact.Candidates;
import org.crampadvisor.impact.DecisionLog;
import org.crampadvisor.impact.ImpactPreview;
import org.crampadvisor.impact.ImpactProgress;
import org.crampadvisor.impact.ImpactReport;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The impact preview over 10,000 audited decisions (issue 14: at most 30 s on the 2-core machine): an
 * embedded audit store filled with varied, seeded requests answered by the test rules, previewed with
 * {@code potassium.low} at 3.4 instead of 3.5, on one worker thread and on one per core, alternately,
 * twice each after a warm-up. Reports the rate, the process CPU time (less sensitive than the wall
 * clock to a busy machine), how much stored JSON was streamed and the heap's peak under the small heap
 * limit the command below gives. That the preview never reads far ahead of its comparisons (bounded
 * memory) is asserted by {@code ImpactPreviewTest.shouldNeverReadFarAheadOfTheComparisons}.
 *
 * <p>Not part of {@code ./mvnw test}: {@code ./mvnw -B test -Dtest=ImpactBenchmark -DargLine=-Xmx192m}
 * (optionally {@code -Dimpact.decisions=N}); results in target/benchmarks/results.txt.
 */
class ImpactBenchmark {

    private static final int DECISIONS = Integer.getInteger("impact.decisions", 10_000);
    private static final long SEED = 14;
    private static final int COMMIT_EVERY = 500;

    @Test
    void shouldPreviewTenThousandDecisions() {
        Ruleset active = RulesFolderFixture.ruleset();
        Ruleset candidate = Candidates.passingGate(Candidates.potassiumLowAt3point4());
        DecisionLog log = DecisionLog.create("benchmark");
        try {
            Random random = new Random(SEED);
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
            for (int i = 0; i < DECISIONS; i++) {
                log.add(request(random), active, start.plusMillis(5L * i));
                if ((i + 1) % COMMIT_EVERY == 0) {
                    log.commit();
                }
            }
            log.commit();

            int cores = Runtime.getRuntime().availableProcessors();
            Stats.header(String.format(Locale.ROOT, "impact preview of %,d decisions (seed %d), %d cores, heap limit %d MB, %s",
                    DECISIONS, SEED, cores, Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version")));
            // The first runs warm the JIT up; the measured ones follow, the thread counts alternately.
            measure("warm-up", candidate, active, log, start, 1);
            measure("warm-up", candidate, active, log, start, cores);
            for (int round = 0; round < 2; round++) {
                for (int threads : List.of(1, cores)) {
                    measure(threads + (threads == 1 ? " thread " : " threads"), candidate, active, log, start, threads);
                }
            }
        } finally {
            log.delete();
        }
    }

    private static void measure(String label, Ruleset candidate, Ruleset active, DecisionLog log, Instant start,
                                int threads) {
        long[] storedBytes = {0};
        AuditedDecisions measured = log.decisions().peek(stored ->
                storedBytes[0] += 2L * (stored.requestJson().length() + stored.responseJson().length()));
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long cpuBefore = processCpuNanos();
        long wallBefore = System.nanoTime();

        ImpactReport report = new ImpactPreview(DecisionLog.JSON, threads).compare(candidate, active, measured, start,
                ImpactPreview.MAX_DECISIONS, new ImpactProgress());

        double seconds = (System.nanoTime() - wallBefore) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        assertThat(report.compared()).isEqualTo(DECISIONS);
        assertThat(report.notCompared().total()).isZero();
        assertThat(report.changed()).isPositive().isLessThan(DECISIONS);
        Stats.row(String.format(Locale.ROOT, "%-9s %,d compared, %,d changed in %5.1f s: %,6.0f decisions/s; "
                        + "process CPU %5.1f s; stored JSON streamed %,d MB (as Java strings), peak heap %,d MB",
                label, report.compared(), report.changed(), seconds, report.compared() / seconds, cpuSeconds,
                storedBytes[0] >> 20, peakHeap >> 20));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A plausible request: labs around their limits, sometimes a medication, activity, hydration, symptoms. */
    private static String request(Random random) {
        StringJoiner sections = new StringJoiner(", ", "{", "}");
        StringJoiner labs = new StringJoiner(", ", "[", "]");
        if (random.nextInt(10) < 8) {
            labs.add(lab("potassium", 2.8 + random.nextInt(180) / 100.0, "mmol/L"));
        }
        if (random.nextBoolean()) {
            labs.add(lab("magnesium", 0.5 + random.nextInt(50) / 100.0, "mmol/L"));
        }
        if (random.nextInt(4) == 0) {
            labs.add(lab("sodium", 128 + random.nextInt(16), "mmol/L"));
        }
        if (random.nextInt(4) == 0) {
            labs.add(lab("calcium", 2.0 + random.nextInt(50) / 100.0, "mmol/L"));
        }
        if (labs.length() > 2) {
            sections.add("\"labs\": " + labs);
        }
        if (random.nextInt(3) == 0) {
            sections.add("\"medications\": [{\"name\": \"" + List.of("Lasix", "atorvastatin", "salbutamol", "metformin")
                    .get(random.nextInt(4)) + "\"}]");
        }
        if (random.nextBoolean()) {
            sections.add("\"activity\": {\"intensity\": \"" + List.of("none", "light", "moderate", "intense")
                    .get(random.nextInt(4)) + "\", \"warmsUp\": " + random.nextBoolean() + ", \"restDaysPerWeek\": "
                    + random.nextInt(3) + ", \"standingHoursPerDay\": " + random.nextInt(10) + "}");
        }
        if (random.nextBoolean()) {
            sections.add("\"hydration\": {\"fluidIntakeLitresPerDay\": " + (0.5 + random.nextInt(30) / 10.0)
                    + ", \"heavySweating\": " + random.nextBoolean() + "}");
        }
        if (random.nextInt(3) == 0) {
            sections.add("\"cramps\": {\"severity\": \"" + List.of("mild", "moderate", "severe").get(random.nextInt(3))
                    + "\", \"episodesPerWeek\": " + random.nextInt(8) + ", \"durationWeeks\": " + random.nextInt(12) + "}");
        }
        if (random.nextInt(5) == 0) {
            sections.add("\"symptoms\": [\"" + List.of("numbness", "tingling", "muscle-weakness", "tremor")
                    .get(random.nextInt(4)) + "\"]");
        }
        return sections.toString();
    }

    private static String lab(String analyte, double value, String unit) {
        return String.format(Locale.ROOT, "{\"analyte\": \"%s\", \"value\": %.2f, \"unit\": \"%s\"}", analyte, value, unit);
    }
}
