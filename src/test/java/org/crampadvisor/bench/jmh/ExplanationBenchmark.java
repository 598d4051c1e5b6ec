package org.crampadvisor.bench.jmh;

import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What explanations cost, on the SPEC section 3 example and the shipped rules, in one run so that the
 * three are compared under the same load: the plain answer (no explanations, as before issue 11), the
 * answer every client gets (with {@code missingInputs}; budget ≤ 10 % over plain), and the answer with
 * {@code ?explain=why-not} (budget ≤ 3× plain). Run with
 * {@code scripts/benchmark-in-process.sh ExplanationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExplanationBenchmark {

    private Ruleset ruleset;
    private Evaluator evaluator;
    private EvaluationRequest specExample;

    @Setup
    public void compileTheShippedRulesAndTheirProbes() throws Exception {
        ruleset = BenchmarkInputs.shippedRuleset();
        evaluator = new Evaluator();
        specExample = BenchmarkInputs.specExample();
        // The probes are compiled once per ruleset (ahead of time by the reloader); not part of a request.
        evaluator.evaluate(specExample, ruleset, Evaluator.Explanation.WHY_NOT);
    }

    /** The answer without explanations: the baseline both budgets are relative to. */
    @Benchmark
    public Recommendation plain() {
        return evaluator.evaluate(specExample, ruleset, Evaluator.Explanation.NONE);
    }

    /** The answer as every client gets it, with missingInputs. */
    @Benchmark
    public Recommendation withMissingInputs() {
        return evaluator.evaluate(specExample, ruleset, Evaluator.Explanation.MISSING_INPUTS);
    }

    /** The answer with ?explain=why-not: the diagnostic KieBase and its probes, plus missingInputs. */
    @Benchmark
    public Recommendation withWhyNot() {
        return evaluator.evaluate(specExample, ruleset, Evaluator.Explanation.WHY_NOT);
    }
}
