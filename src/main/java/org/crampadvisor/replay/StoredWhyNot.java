package org.crampadvisor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.explain.MissingInput;
import org.crampadvisor.explain.WhyNot;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Why-not for a stored evaluation: its stored request evaluated again, with the probes, on the ruleset
 * version that answered it (rebuilt from the archive like replay). Read-only: nothing is recorded.
 */
@ApplicationScoped
public class StoredWhyNot {

    /**
     * @param reproducesStoredAnswer whether evaluating the stored request again on that version gives the stored
     *                               answer (judged as replay judges it), so that the why-not explains the decision
     *                               that was made
     */
    @Schema(description = "Why each cause absent from a stored evaluation was not concluded, on the version that answered it")
    public record Explained(@Schema(examples = "0193c1f2-0000-7000-8000-000000000000") String evaluationId,
                            @Schema(examples = "sha256:2c2a0cc586a7f022622e63886f159cac95e4d0246db3c902786e08e26b3b09a6")
                            String rulesetVersion,
                            boolean reproducesStoredAnswer,
                            List<WhyNot> whyNot,
                            List<MissingInput> missingInputs) {
    }

    private final AuditRepository repository;
    private final ArchivedRulesets archive;
    private final ObjectMapper json;

    StoredWhyNot(AuditRepository repository, ArchivedRulesets archive, ObjectMapper json) {
        this.repository = repository;
        this.archive = archive;
        this.json = json;
    }

    public Optional<Explained> explain(UUID id) throws IOException {
        Optional<AuditRepository.StoredEvaluation> found = repository.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AuditRepository.StoredEvaluation stored = found.get();
        EvaluationRequest request = json.readValue(stored.requestJson(), EvaluationRequest.class);
        Ruleset ruleset = archive.version(stored.rulesetVersion());
        Recommendation again = new Evaluator(Clock.systemUTC(), () -> id)
                .evaluate(request, ruleset, Evaluator.Explanation.WHY_NOT);
        JsonNode storedAnswer = json.readTree(stored.responseJson());
        return Optional.of(new Explained(id.toString(), ruleset.version(),
                StoredAnswers.reproduces(storedAnswer, json.valueToTree(again)), again.whyNot(), again.missingInputs()));
    }
}
