package org.crampadvisor.cdshooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.audit.Feedback;
import org.crampadvisor.audit.FeedbackLog;
import org.crampadvisor.evaluation.FieldError;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * CDS Hooks feedback (SPEC section 8): each entry is stored against its card and the evaluation that
 * answered the card, with the rules behind the card (from the audit record's origin), so that auditors can
 * list which rules clinicians override and why. A request is stored whole or not at all: every entry is
 * checked first, then all are committed together.
 */
@ApplicationScoped
public class CardFeedbackService {

    private final AuditRepository repository;
    private final FeedbackLog feedbackLog;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    CardFeedbackService(AuditRepository repository, FeedbackLog feedbackLog, ObjectMapper json) {
        this.repository = repository;
        this.feedbackLog = feedbackLog;
        this.json = json;
    }

    /** Feedback that cannot be stored as sent: each entry's field and what is wrong. */
    public static final class InvalidFeedbackException extends RuntimeException {
        private final transient List<FieldError> errors;

        InvalidFeedbackException(List<FieldError> errors) {
            super(errors.size() == 1 ? "1 feedback field is invalid" : errors.size() + " feedback fields are invalid",
                    null, false, false);
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /**
     * Stores the feedback of one request.
     *
     * @param service the service whose feedback endpoint was called
     * @param caller  the EHR (token issuer): it may give feedback only on cards it was answered
     * @return how many entries were stored
     */
    public int store(CdsService service, List<CdsHooksModel.CardFeedback> entries, String caller) {
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<FieldError> errors = new ArrayList<>();
        List<Feedback> feedback = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            CdsHooksModel.CardFeedback entry = entries.get(i);
            String field = "feedback[" + i + "]";
            Instant outcomeAt = outcomeTimestamp(entry.outcomeTimestamp());
            if (outcomeAt == null) {
                errors.add(new FieldError(field + ".outcomeTimestamp", "must be an ISO 8601 date and time with its offset, "
                        + "e.g. 2026-11-26T10:05:31Z"));
            }
            Optional<CardOrigin> card = cardOrigin(entry.card(), service, caller);
            if (card.isEmpty()) {
                errors.add(new FieldError(field + ".card", "is not a card of " + service.id()
                        + " answered to this EHR; give the uuid of a card as answered"));
            }
            boolean reasonUsable = entry.overrideReason() == null || entry.overrideReason().isNull()
                    || entry.overrideReason().isObject();
            if (!reasonUsable) {
                errors.add(new FieldError(field + ".overrideReason", "must be an object: reason (a Coding) and userComment"));
            }
            if (outcomeAt != null && card.isPresent() && reasonUsable) {
                feedback.add(Feedback.received(entry.card(), service.id(), card.get().evaluationId(), entry.outcome(),
                        overrideReason(entry.overrideReason()), outcomeAt, receivedAt, card.get().rules()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFeedbackException(errors);
        }
        feedbackLog.appendAll(feedback);
        return feedback.size();
    }

    private record CardOrigin(UUID evaluationId, List<String> rules) {
    }

    /** The evaluation a card was answered for and the rules behind the card, if this service answered it to the caller. */
    private Optional<CardOrigin> cardOrigin(String card, CdsService service, String caller) {
        Optional<UUID> evaluationId = repository.evaluationOfCard(card);
        if (evaluationId.isEmpty()) {
            return Optional.empty();
        }
        Optional<AuditRepository.StoredEvaluation> evaluation = repository.find(evaluationId.get());
        if (evaluation.isEmpty() || !caller.equals(evaluation.get().principal()) || evaluation.get().originJson() == null) {
            return Optional.empty();
        }
        JsonNode origin;
        try {
            origin = json.readTree(evaluation.get().originJson());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (!service.id().equals(origin.path("service").asText())) {
            return Optional.empty();
        }
        List<String> rules = new ArrayList<>();
        for (JsonNode answered : origin.path("cards")) {
            if (card.equals(answered.path("uuid").asText())) {
                answered.path("rules").forEach(rule -> rules.add(rule.asText()));
            }
        }
        return Optional.of(new CardOrigin(evaluationId.get(), rules));
    }

    private static Instant outcomeTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            return null;
        }
    }

    private static String overrideReason(JsonNode reason) {
        return reason == null || !reason.isObject() ? null : reason.toString();
    }
}
