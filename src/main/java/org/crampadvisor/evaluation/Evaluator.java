package org.crampadvisor.evaluation;

import org.crampadvisor.engine.RuleRunner;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.TraceEntry;
import org.crampadvisor.explain.Explanations;
import org.crampadvisor.explain.MissingInput;
import org.crampadvisor.explain.WhyNot;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Evaluates a validated request on one ruleset and builds the traced recommendation. Plain Java, so
 * that scenarios and engine tests run it without the HTTP layer.
 */
public final class Evaluator {

    /** How much an answer explains. */
    public enum Explanation {
        /** Benchmarks only: the answer without {@code missingInputs}, to measure what they cost. */
        NONE,
        /** Every answer: {@code missingInputs}. */
        MISSING_INPUTS,
        /** {@code missingInputs} and {@code whyNot} ({@code ?explain=why-not}). */
        WHY_NOT
    }

    private final Clock clock;
    private final Supplier<UUID> ids;

    public Evaluator(Clock clock, Supplier<UUID> ids) {
        this.clock = clock;
        this.ids = ids;
    }

    public Evaluator() {
        this(Clock.systemUTC(), EvaluationIds::next);
    }

    public Recommendation evaluate(EvaluationRequest request, Ruleset ruleset) {
        return evaluate(request, ruleset, Explanation.MISSING_INPUTS);
    }

    public Recommendation evaluate(EvaluationRequest request, Ruleset ruleset, Explanation explanation) {
        List<Object> facts = FactMapper.toFacts(request, ruleset.reference());
        List<TraceEntry> trace;
        List<MissingInput> missingInputs = List.of();
        List<WhyNot> whyNot = null;
        if (explanation == Explanation.NONE) {
            trace = RuleRunner.run(ruleset, facts);
        } else {
            Explanations explanations = Explanations.of(ruleset);
            Set<String> given = RequestInputs.given(request);
            missingInputs = explanations.missingInputs(given);
            if (explanation == Explanation.WHY_NOT) {
                RuleRunner.Inspected<List<WhyNot>> run = RuleRunner.runThenInspect(ruleset,
                        explanations.diagnosticKieBase(), facts,
                        (session, ids, firings) -> explanations.whyNot(session, ids, given, firings));
                trace = run.trace();
                whyNot = run.inspection();
            } else {
                trace = RuleRunner.run(ruleset, facts);
            }
        }
        // Microseconds: what the audit stores (SQL timestamps) is then exactly what the client was told.
        Instant evaluatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        RecommendationAssembler.AdviceOutcome advice = RecommendationAssembler.advice(trace, ruleset.reference());
        return new Recommendation(ids.get().toString(), evaluatedAt, ruleset.version(),
                RecommendationAssembler.causes(trace),
                advice.given(),
                advice.withheld(),
                RecommendationAssembler.unrecognized(facts),
                missingInputs,
                whyNot,
                trace,
                Recommendation.DISCLAIMER);
    }
}
