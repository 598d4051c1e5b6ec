package org.crampadvisor.audit;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One evaluation as the audit log keeps it.
 *
 * @param evaluationId     the id the client was given
 * @param evaluatedAt      when it was evaluated
 * @param principal        who asked
 * @param rulesetVersion   the version of the rules that answered
 * @param patientPseudonym the keyed hash of {@code patient.id}, or {@code null} when none was sent
 * @param durationMicros   how long the evaluation took
 * @param requestJson      the request as JSON, with {@code patient.id} replaced by its pseudonym
 * @param responseJson     the answer as JSON, exactly as sent
 * @param rulesFired       the rules that fired, for the {@code rule} filter
 * @param causes           the causes found, for the {@code cause} filter
 * @param advice           the advice given, for the {@code advice} filter
 * @param originJson       where the evaluation came from when not from the evaluations API, as a JSON object
 *                         (e.g. {@code {"kind":"cds-hooks","service":...}}), or {@code null}
 * @param cardIds          the CDS Hooks card ids answered for this evaluation (feedback names the card only);
 *                         empty when none
 */
public record AuditRecord(UUID evaluationId, Instant evaluatedAt, String principal, String rulesetVersion,
                          String patientPseudonym, long durationMicros, String requestJson, String responseJson,
                          Set<String> rulesFired, Set<String> causes, Set<String> advice, String originJson,
                          Set<String> cardIds) {

    public AuditRecord {
        cardIds = cardIds == null ? Set.of() : cardIds;
    }
}
