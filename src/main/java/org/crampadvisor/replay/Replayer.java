package org.crampadvisor.replay;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Re-evaluates a stored evaluation's facts on the ruleset version that answered it (rebuilt from the
 * archived files) and on the active one, and says how the answers differ. Replays are read-only: they
 * are not decisions and are not recorded.
 */
@ApplicationScoped
public class Replayer {

    /** Past versions stay compiled for the next replay; each takes a few MB, so only a few are kept. */
    private static final int COMPILED_VERSIONS_KEPT = 4;

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
    private final ObjectMapper json;
    private final Map<String, Ruleset> compiled = Collections.synchronizedMap(
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Ruleset> eldest) {
                    return size() > COMPILED_VERSIONS_KEPT;
                }
            });

    Replayer(AuditRepository repository, ActiveRuleset activeRuleset, ObjectMapper json) {
        this.repository = repository;
        this.activeRuleset = activeRuleset;
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
        Ruleset original = stored.rulesetVersion().equals(active.version()) ? active : archived(stored.rulesetVersion());
        Recommendation originalAnswer = evaluator.evaluate(request, original);
        Recommendation activeAnswer = evaluator.evaluate(request, active);
        boolean reproduced = StoredAnswers.reproduces(json.readTree(stored.responseJson()),
                json.valueToTree(originalAnswer));
        AnswerDifference difference = AnswerDifference.between(originalAnswer, activeAnswer);
        return Optional.of(new Replay(id.toString(), new Answer(original.version(), originalAnswer),
                new Answer(active.version(), activeAnswer), reproduced, difference.sameConclusions(), difference));
    }

    private Ruleset archived(String version) throws SQLException {
        Ruleset ruleset = compiled.get(version);
        if (ruleset != null) {
            return ruleset;
        }
        ruleset = ArchivedRulesets.compile(repository.ruleset(version)
                .orElseThrow(() -> new IllegalStateException("ruleset " + version + " is not archived")));
        compiled.put(version, ruleset);
        return ruleset;
    }

}
