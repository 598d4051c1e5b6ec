package org.crampadvisor.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.audit.AuditLog;
import org.crampadvisor.audit.AuditRecord;
import org.crampadvisor.audit.Pseudonyms;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.RuleFiringMetrics;
import org.crampadvisor.engine.Ruleset;

import java.util.Set;
import java.util.UUID;

/**
 * One evaluation, end to end: the active ruleset is read once, the request evaluated on it, the audit
 * record committed, and only then the recommendation returned, so that an answer always means a stored
 * record.
 */
@ApplicationScoped
public class EvaluationService {

    private final ActiveRuleset activeRuleset;
    private final AuditLog auditLog;
    private final Pseudonyms pseudonyms;
    private final ObjectMapper json;
    private final Evaluator evaluator = new Evaluator();
    private final Timer evaluationTimer;
    private final RuleFiringMetrics ruleFirings;

    EvaluationService(ActiveRuleset activeRuleset, AuditLog auditLog, Pseudonyms pseudonyms, ObjectMapper json,
                      MeterRegistry registry, RuleFiringMetrics ruleFirings) {
        this.activeRuleset = activeRuleset;
        this.ruleFirings = ruleFirings;
        this.auditLog = auditLog;
        this.pseudonyms = pseudonyms;
        this.json = json;
        this.evaluationTimer = Timer.builder("advisor.evaluations")
                .description("Time to evaluate one request on the rules, from facts to recommendation")
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * An answer and its JSON, serialised once: the bytes the client receives are the bytes the audit
     * log keeps.
     */
    public record Answered(Recommendation answer, String json) {
    }

    public Answered evaluate(EvaluationRequest request, String principal) {
        return evaluate(request, principal, Evaluator.Explanation.MISSING_INPUTS);
    }

    /** With {@link Evaluator.Explanation#WHY_NOT}, the answer and its record also say why each absent cause is absent. */
    public Answered evaluate(EvaluationRequest request, String principal, Evaluator.Explanation explanation) {
        return record(evaluateUnrecorded(activeRuleset.get(), request, explanation), principal, null, Set.of());
    }

    /** Evaluates on the given ruleset, records the evaluation, and returns the answer once it is recorded. */
    public Answered evaluateOn(Ruleset ruleset, EvaluationRequest request, String principal) {
        return record(evaluateUnrecorded(ruleset, request, Evaluator.Explanation.MISSING_INPUTS), principal, null,
                Set.of());
    }

    /**
     * An answer not recorded yet: for an interface that presents the answer in its own way (CDS Hooks cards)
     * and records what it presented with it. Nothing may be sent before {@link #record} returns.
     */
    public record Evaluated(Ruleset ruleset, EvaluationRequest request, Recommendation answer, long durationNanos) {

        /** The same evaluation with its answer amended (e.g. EHR data the rules could not use added to unrecognized). */
        public Evaluated withAnswer(Recommendation amended) {
            return new Evaluated(ruleset, request, amended, durationNanos);
        }
    }

    /** Evaluates on the given ruleset; the caller must {@link #record} it before answering. */
    public Evaluated evaluateUnrecorded(Ruleset ruleset, EvaluationRequest request,
                                        Evaluator.Explanation explanation) {
        long started = System.nanoTime();
        Recommendation answer = evaluator.evaluate(request, ruleset, explanation);
        long durationNanos = System.nanoTime() - started;
        evaluationTimer.record(durationNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        ruleFirings.count(answer.trace());
        return new Evaluated(ruleset, request, answer, durationNanos);
    }

    /**
     * Records an evaluation durably and returns its answer's JSON (the bytes stored), once it is committed.
     *
     * @param originJson where it came from when not from the evaluations API, as a JSON object, or null
     * @param cardIds    the CDS Hooks cards answered for it, so that feedback on a card finds it
     */
    public Answered record(Evaluated evaluated, String principal, String originJson, Set<String> cardIds) {
        String answerJson = toJson(evaluated.answer());
        auditLog.append(auditRecord(evaluated.request(), evaluated.answer(), answerJson, principal,
                evaluated.durationNanos() / 1000, originJson, cardIds), evaluated.ruleset());
        return new Answered(evaluated.answer(), answerJson);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an evaluation could not be written as JSON", e);
        }
    }

    private AuditRecord auditRecord(EvaluationRequest request, Recommendation answer, String answerJson,
                                    String principal, long durationMicros, String originJson, Set<String> cardIds) {
        String patientId = request.patient() == null ? null : request.patient().id();
        String pseudonym = patientId == null ? null : pseudonyms.of(patientId);
        EvaluationRequest stored = patientId == null ? request : request.withPatientId(pseudonym);
        return new AuditRecord(UUID.fromString(answer.evaluationId()), answer.evaluatedAt(), principal,
                answer.rulesetVersion(), pseudonym, durationMicros, toJson(stored), answerJson, answer.rulesFired(),
                answer.causeCodes(), answer.adviceCodes(), originJson, cardIds);
    }
}
