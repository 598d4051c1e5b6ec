package org.crampadvisor.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.audit.Gzip;
import org.crampadvisor.engine.RuleRunner;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.FactMapper;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.evaluation.StrictJson;
import org.kie.api.runtime.KieSession;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One evaluation in process, on the shipped ruleset: from a validated request to the recommendation
 * (facts mapping, a KIE session, all rules fired, the answer assembled). JSON and HTTP are measured by
 * scripts/benchmark-http.sh. Run with scripts/benchmark-in-process.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluationBenchmark {

    private Ruleset ruleset;
    private Evaluator evaluator;
    private EvaluationRequest specExample;
    private EvaluationRequest empty;
    private List<Object> specExampleFacts;
    private ObjectMapper json;
    private Recommendation specExampleAnswer;
    private String specExampleAnswerText;

    @Setup
    public void compileTheShippedRules() throws Exception {
        ruleset = BenchmarkInputs.shippedRuleset();
        evaluator = new Evaluator();
        specExample = BenchmarkInputs.specExample();
        empty = BenchmarkInputs.request("{}");
        specExampleFacts = FactMapper.toFacts(specExample, ruleset.reference());
        json = StrictJson.newMapper();
        specExampleAnswer = evaluator.evaluate(specExample, ruleset);
        specExampleAnswerText = json.writeValueAsString(specExampleAnswer);
    }

    /** The SPEC section 3 example, traced, as the service answers it. */
    @Benchmark
    public Recommendation specExampleTraced() {
        return evaluator.evaluate(specExample, ruleset);
    }

    /** The same without the trace listeners: what the explanation costs. */
    @Benchmark
    public List<Object> specExampleUntraced() {
        return RuleRunner.runUntraced(ruleset, FactMapper.toFacts(specExample, ruleset.reference()));
    }

    /** Only turning the request into facts: names resolved, lab units converted. */
    @Benchmark
    public List<Object> specExampleFactsOnly() {
        return FactMapper.toFacts(specExample, ruleset.reference());
    }

    /** Only the engine, traced, on facts mapped beforehand. */
    @Benchmark
    public Object specExampleEngineTraced() {
        return RuleRunner.run(ruleset, specExampleFacts);
    }

    /** Writing the answer as the JSON the client receives and the audit log keeps (trace included). */
    @Benchmark
    public String specExampleAnswerJson() throws Exception {
        return json.writeValueAsString(specExampleAnswer);
    }

    /** Compressing that JSON for the audit log. */
    @Benchmark
    public byte[] specExampleAnswerGzip() {
        return Gzip.compress(specExampleAnswerText);
    }

    /** An empty request: the fixed cost of an evaluation. */
    @Benchmark
    public Recommendation emptyRequestTraced() {
        return evaluator.evaluate(empty, ruleset);
    }

    /** Creating and disposing a KIE session, and nothing else. */
    @Benchmark
    public KieSession sessionCreation() {
        KieSession session = ruleset.newSession();
        session.dispose();
        return session;
    }
}
