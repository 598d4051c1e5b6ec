package org.crampadvisor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Re-evaluates a stored evaluation's facts on the ruleset version that answered it (rebuilt from the
 * archived files) and on the active one, and says how the answers differ. Replays are read-only: they
 * are not decisions and are not recorded.
 */
@ApplicationScoped
public class Replayer {

    /**
     * @param reproducesStoredAnswer whether the original version, replayed, gives the stored answer (apart
     *                               from id and time, and judged on the fields the stored answer has, so that
     *                               fields added to answers later do not count): the evidence that the archive
     *                               and the engine are sound
     * @param sameConclusion         whether the active version concludes what the original did (causes and
     *                               certainties, advice, withheld advice), whichever rules fired
     */
    public record Replay(String evaluationId, Answer original, Answer active, boolean reproducesStoredAnswer,
                         boolean sameConclusion, AnswerDifference difference) {
    }

    public record Answer(String rulesetVersion, Recommendation answer) {
    }

    private final AuditRepository repository;
    private final ActiveRuleset activeRuleset;
    private final ArchivedRulesets archive;
    private final ObjectMapper json;

    Replayer(AuditRepository repository, ActiveRuleset activeRuleset, ArchivedRulesets archive, ObjectMapper json) {
        this.repository = repository;
        this.activeRuleset = activeRuleset;
        this.archive = archive;
        this.json = json;
    }

    public Optional<Replay> replay(UUID id) throws SQLException, IOException {
        Optional<AuditRepository.StoredEvaluation> found = repository.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AuditRepository.StoredEvaluation stored = found.get();
        EvaluationRequest request = json.readValue(stored.requestJson(), EvaluationRequest.class);
        Evaluator evaluator = new Evaluator(Clock.systemUTC(), () -> id);
        Ruleset active = activeRuleset.get();
        Ruleset original = archive.version(stored.rulesetVersion());
        JsonNode storedAnswer = json.readTree(stored.responseJson());
        // An answer that was asked to explain why not is replayed with its explanation, which is then compared too.
        Evaluator.Explanation explanation = storedAnswer.has("whyNot") ? Evaluator.Explanation.WHY_NOT
                : Evaluator.Explanation.MISSING_INPUTS;
        Recommendation originalAnswer = evaluator.evaluate(request, original, explanation);
        Recommendation activeAnswer = evaluator.evaluate(request, active, explanation);
        boolean reproduced = StoredAnswers.reproduces(storedAnswer, json.valueToTree(originalAnswer));
        AnswerDifference difference = AnswerDifference.between(originalAnswer, activeAnswer);
        return Optional.of(new Replay(id.toString(), new Answer(original.version(), originalAnswer),
                new Answer(active.version(), activeAnswer), reproduced, difference.sameConclusions(), difference));
    }
}
