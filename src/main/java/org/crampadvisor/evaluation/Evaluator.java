package org.crampadvisor.evaluation;

import org.crampadvisor.engine.RuleRunner;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.TraceEntry;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Evaluates a validated request on one ruleset and builds the traced recommendation. Plain Java, so
 * that scenarios and engine tests run it without the HTTP layer.
 */
public final class Evaluator {

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
        List<Object> facts = FactMapper.toFacts(request, ruleset.reference());
        List<TraceEntry> trace = RuleRunner.run(ruleset, facts);
        // Microseconds: what the audit stores (SQL timestamps) is then exactly what the client was told.
        Instant evaluatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        RecommendationAssembler.AdviceOutcome advice = RecommendationAssembler.advice(trace, ruleset.reference());
        return new Recommendation(ids.get().toString(), evaluatedAt, ruleset.version(),
                RecommendationAssembler.causes(trace),
                advice.given(),
                advice.withheld(),
                RecommendationAssembler.unrecognized(facts),
                trace,
                Recommendation.DISCLAIMER);
    }
}
