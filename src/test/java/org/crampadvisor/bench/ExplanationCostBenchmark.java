package org.crampadvisor.bench;

import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.RequestInputs;
import org.crampadvisor.explain.Explanations;
import org.crampadvisor.evaluation.StrictJson;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What explanations cost in CPU time, for a machine too busy for wall-clock numbers: the SPEC example on
 * the shipped rules, plain (no explanations), with {@code missingInputs} (every answer; budget ≤ 10 %
 * over plain) and with {@code ?explain=why-not} (budget ≤ 3× plain). The three run interleaved, in rounds
 * of batches, each batch timed by this thread's CPU time, so that load from other processes and JIT or
 * GC phases fall on all three alike; the report gives each one's median per evaluation and the median of
 * the per-round ratios. Not part of {@code ./mvnw test}: {@code ./mvnw test -Dtest=ExplanationCostBenchmark};
 * results in target/benchmarks/results.txt. JMH's wall-clock view of the same: {@code ExplanationBenchmark}.
 */
class ExplanationCostBenchmark {

    private static final int WARM_UP_ROUNDS = 20;
    private static final int ROUNDS = 40;
    private static final int BATCH = 200;
    private static final Evaluator.Explanation[] VARIANTS = Evaluator.Explanation.values(); // NONE, MISSING_INPUTS, WHY_NOT

    private long sink;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void shouldMeasureMissingInputsAndWhyNotAgainstThePlainAnswer() throws Exception {
        Ruleset ruleset = new RulesetCompiler().compile(Path.of("rules"));
        // The SPEC example concludes every cause, so its why-not runs the diagnostic session but asks no probe;
        // the sparse request concludes none, so every cause rule's probes are asked: the two ends.
        measure(ruleset, "SPEC example", Files.readString(Path.of("src/test/resources/spec-example.json")));
        measure(ruleset, "sparse request (no cause)", """
                {"labs": [{"analyte": "potassium", "value": 3.65, "unit": "mmol/L"}], "activity": {"intensity": "light"}}""");
    }

    private void measure(Ruleset ruleset, String name, String json) throws Exception {
        EvaluationRequest request = StrictJson.newMapper().readValue(json, EvaluationRequest.class);
        Evaluator evaluator = new Evaluator();
        int absent = evaluator.evaluate(request, ruleset, Evaluator.Explanation.WHY_NOT).whyNot().size();

        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (Evaluator.Explanation variant : VARIANTS) {
                batch(evaluator, request, ruleset, variant);
            }
        }
        double[][] micros = new double[VARIANTS.length][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int v = 0; v < VARIANTS.length; v++) {
                // Rotating the order keeps any one variant from always following another.
                int variant = (v + round) % VARIANTS.length;
                micros[variant][round] = batch(evaluator, request, ruleset, VARIANTS[variant]) / 1e3 / BATCH;
            }
        }
        String load = Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).strip() : "n/a";
        Stats.header("explanations, CPU time per evaluation, " + name + " (" + absent + " causes absent), " + ROUNDS
                + " rounds of " + BATCH + ", " + Runtime.getRuntime().availableProcessors() + " cores, load " + load);
        for (int v = 0; v < VARIANTS.length; v++) {
            Stats.row(String.format("%-15s median %8.1f µs CPU  (p10 %.1f, p90 %.1f)", VARIANTS[v], median(micros[v]),
                    percentile(micros[v], 10), percentile(micros[v], 90)));
        }
        double[] alone = new double[ROUNDS];
        Explanations explanations = Explanations.of(ruleset);
        for (int round = 0; round < ROUNDS; round++) {
            long started = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < BATCH; i++) {
                sink += explanations.missingInputs(RequestInputs.given(request)).size();
            }
            alone[round] = (threads.getCurrentThreadCpuTime() - started) / 1e3 / BATCH;
        }
        Stats.row(String.format("missingInputs alone (request paths given, filter): median %.2f µs CPU = %.1f %% of plain",
                median(alone), 100 * median(alone) / median(micros[0])));
        Stats.row(String.format("missingInputs / plain: %.3f (budget ≤ 1.10)", medianRatio(micros[1], micros[0])));
        Stats.row(String.format("why-not / plain:       %.3f (budget ≤ 3.00)", medianRatio(micros[2], micros[0])));
    }

    private long batch(Evaluator evaluator, EvaluationRequest request, Ruleset ruleset, Evaluator.Explanation variant) {
        long started = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < BATCH; i++) {
            evaluator.evaluate(request, ruleset, variant);
        }
        return threads.getCurrentThreadCpuTime() - started;
    }

    private static double medianRatio(double[] of, double[] to) {
        double[] ratios = new double[of.length];
        for (int i = 0; i < of.length; i++) {
            ratios[i] = of[i] / to[i];
        }
        return median(ratios);
    }

    private static double median(double[] values) {
        return percentile(values, 50);
    }

    private static double percentile(double[] values, double percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(percentile / 100 * (sorted.length - 1)))];
    }
}
