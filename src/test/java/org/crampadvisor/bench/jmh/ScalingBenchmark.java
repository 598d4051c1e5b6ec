package org.crampadvisor.bench.jmh;

import org.crampadvisor.bench.GeneratedRules;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How the time of one traced evaluation grows with the input (1 to 50 labs and as many medications)
 * and with the ruleset (the shipped rules, and generated rulesets of 10 and 100 times as many rules;
 * see GeneratedRules).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ScalingBenchmark {

    private static final String[][] LABS = {
            {"potassium", "3.2", "mmol/L"}, {"magnesium", "1.5", "mg/dL"}, {"calcium", "2.3", "mmol/L"},
            {"sodium", "138", "mmol/L"}, {"vitamin-d", "18", "ng/mL"}};
    private static final String[] MEDICATIONS = {"Lasix", "atorvastatin", "hydrochlorothiazide", "metformin", "spironolactone"};

    /** Labs and medications in the request, each. */
    @Param({"1", "10", "25", "50"})
    public int facts;

    /** The ruleset: the shipped rules times this factor. */
    @Param({"1", "10", "100"})
    public int rules;

    private Ruleset ruleset;
    private EvaluationRequest request;
    private final Evaluator evaluator = new Evaluator();

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        Ruleset shipped = BenchmarkInputs.shippedRuleset();
        ruleset = rules == 1 ? shipped : GeneratedRules.compile(GeneratedRules.folder(
                Files.createTempDirectory("scaling").resolve("rules"), shipped.rules().size() * rules));
        request = BenchmarkInputs.request(requestWith(facts));
    }

    static String requestWith(int count) {
        List<String> labs = new ArrayList<>();
        List<String> medications = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] lab = LABS[i % LABS.length];
            labs.add(String.format(Locale.ROOT, "{\"analyte\": \"%s\", \"value\": %s, \"unit\": \"%s\"}", lab[0], lab[1], lab[2]));
            medications.add("{\"name\": \"" + MEDICATIONS[i % MEDICATIONS.length] + "\"}");
        }
        return "{\"labs\": [" + String.join(", ", labs) + "], \"medications\": [" + String.join(", ", medications) + "]}";
    }

    @Benchmark
    public Recommendation evaluate() {
        return evaluator.evaluate(request, ruleset);
    }
}
