package org.crampadvisor.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a clinician did with a CDS Hooks card (SPEC section 8), kept beside the evaluation that produced
 * the card. Append-only, like evaluations.
 *
 * @param feedbackId         the entry's own id (time-ordered), the tie-breaker of the listing order
 * @param card               the card's {@code uuid}
 * @param service            the CDS service that answered the card
 * @param evaluationId       the evaluation behind the card
 * @param outcome            {@code accepted} or {@code overridden}
 * @param overrideReasonJson the override reason as a JSON object, or {@code null}
 * @param outcomeTimestamp   when the EHR says the outcome happened
 * @param receivedAt         when the service received it; the listing order
 * @param rules              the rules behind the card, for the {@code rule} filter
 */
public record Feedback(UUID feedbackId, String card, String service, UUID evaluationId, String outcome,
                       String overrideReasonJson, Instant outcomeTimestamp, Instant receivedAt, List<String> rules) {

    public static final List<String> OUTCOMES = List.of("accepted", "overridden");

    public Feedback {
        Objects.requireNonNull(feedbackId, "feedbackId");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(evaluationId, "evaluationId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("outcome must be one of " + OUTCOMES);
        }
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** Feedback received now-ish, with a fresh time-ordered id. */
    public static Feedback received(String card, String service, UUID evaluationId, String outcome,
                                    String overrideReasonJson, Instant outcomeTimestamp, Instant receivedAt,
                                    List<String> rules) {
        return new Feedback(TimeOrderedIds.at(receivedAt), card, service, evaluationId, outcome, overrideReasonJson,
                outcomeTimestamp, receivedAt, rules);
    }
}
