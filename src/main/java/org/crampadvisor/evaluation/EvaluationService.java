package org.crampadvisor.evaluation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.Ruleset;

/**
 * One evaluation, end to end: the active ruleset is read once, the request evaluated on it, and the
 * recommendation returned. The audit record of the evaluation is to be committed here, between the
 * evaluation and the return, so that an answer always means a stored record.
 */
@ApplicationScoped
public class EvaluationService {

    private final ActiveRuleset activeRuleset;
    private final Evaluator evaluator = new Evaluator();
    private final Timer evaluationTimer;

    EvaluationService(ActiveRuleset activeRuleset, MeterRegistry registry) {
        this.activeRuleset = activeRuleset;
        this.evaluationTimer = Timer.builder("advisor.evaluations")
                .description("Time to evaluate one request on the rules, from facts to recommendation")
                .publishPercentileHistogram()
                .register(registry);
    }

    public Recommendation evaluate(EvaluationRequest request) {
        Ruleset ruleset = activeRuleset.get();
        return evaluationTimer.record(() -> evaluator.evaluate(request, ruleset));
    }
}
