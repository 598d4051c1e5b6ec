package org.crampadvisor.audit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.crampadvisor.engine.ActiveRuleset;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * What the CDS Hooks and impact-preview issues need of the store, on whichever store the run uses:
 * a record's origin and cards, finding an evaluation by card, feedback entries, streaming.
 */
@QuarkusTest
class FeedbackCardsOriginTest {

    @Inject
    AuditLog auditLog;
    @Inject
    FeedbackLog feedbackLog;
    @Inject
    AuditRepository repository;
    @Inject
    ActiveRuleset activeRuleset;

    private AuditRecord record(Instant at, String origin, Set<String> cards) {
        return new AuditRecord(UUID.randomUUID(), at, "https://ehr.example.org", activeRuleset.get().version(), null, 321,
                "{\"labs\":[]}", "{\"causes\":[],\"evaluatedAt\":\"" + at + "\"}", Set.of("Low serum potassium"),
                Set.of("ELECTROLYTE_IMBALANCE"), Set.of("HYDRATE"), origin, cards);
    }

    @Test
    void shouldKeepTheOriginAndFindTheEvaluationOfACard() {
        String origin = "{\"kind\":\"cds-hooks\",\"service\":\"leg-cramp-causes\",\"hook\":\"patient-view\",\"hookInstance\":\"h-1\"}";
        String card = UUID.randomUUID().toString();
        AuditRecord withOrigin = record(Instant.now().truncatedTo(ChronoUnit.MICROS), origin, Set.of(card, UUID.randomUUID().toString()));
        auditLog.append(withOrigin, activeRuleset.get());

        assertThat(repository.evaluationOfCard(card)).contains(withOrigin.evaluationId());
        assertThat(repository.evaluationOfCard(UUID.randomUUID().toString())).isEmpty();
        given().auth().preemptive().basic("auditor", "auditor").when().get("/api/v1/evaluations/" + withOrigin.evaluationId())
                .then().statusCode(200).body("origin.kind", is("cds-hooks")).body("origin.hookInstance", is("h-1"));
        given().auth().preemptive().basic("auditor", "auditor").queryParam("limit", "500")
                .when().get("/api/v1/evaluations").then().statusCode(200)
                .body("items.find { it.evaluationId == '" + withOrigin.evaluationId() + "' }.origin.service", is("leg-cramp-causes"));

        AuditRecord plain = record(Instant.now().truncatedTo(ChronoUnit.MICROS), null, Set.of());
        auditLog.append(plain, activeRuleset.get());
        given().auth().preemptive().basic("auditor", "auditor").when().get("/api/v1/evaluations/" + plain.evaluationId())
                .then().statusCode(200).body("origin", nullValue()).body("$", org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasKey("origin")));
    }

    @Test
    void shouldAppendAndListFeedbackNewestFirstWithFiltersAndCursors() {
        String rule = "Feedback rule " + UUID.randomUUID();
        Instant base = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Feedback> appended = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Feedback feedback = Feedback.received(UUID.randomUUID().toString(), "leg-cramp-causes", UUID.randomUUID(),
                    i % 2 == 0 ? "accepted" : "overridden", i % 2 == 0 ? null : "{\"code\":\"patient-declined\"}",
                    base.minusSeconds(60), base.plusMillis(i), List.of(rule, "Other rule"));
            feedbackLog.append(feedback);
            appended.add(feedback);
        }

        List<Feedback> page = feedbackLog.list(new FeedbackQuery(rule, null, null, null, 2, null));
        assertThat(page).hasSize(3); // one more than the limit: more follow
        assertThat(page.subList(0, 2)).extracting(Feedback::feedbackId)
                .containsExactly(appended.get(4).feedbackId(), appended.get(3).feedbackId());
        Feedback last = page.get(1);
        List<Feedback> next = feedbackLog.list(new FeedbackQuery(rule, null, null, null, 10,
                new AuditQuery.Position(last.receivedAt(), last.feedbackId())));
        assertThat(next).extracting(Feedback::feedbackId).containsExactly(appended.get(2).feedbackId(),
                appended.get(1).feedbackId(), appended.get(0).feedbackId());
        assertThat(feedbackLog.list(new FeedbackQuery(rule, "overridden", null, null, 10, null)))
                .extracting(Feedback::overrideReasonJson).containsOnly("{\"code\":\"patient-declined\"}").hasSize(2);
        assertThat(feedbackLog.list(new FeedbackQuery(rule, null, base.plusMillis(1), base.plusMillis(3), 10, null)))
                .extracting(Feedback::feedbackId).containsExactly(appended.get(2).feedbackId(), appended.get(1).feedbackId());
        Feedback stored = next.get(2);
        assertThat(stored).usingRecursiveComparison().isEqualTo(appended.get(0));
        assertThatThrownBy(() -> Feedback.received("c", "s", UUID.randomUUID(), "ignored", null, null, base, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldStreamEvaluationsNewestFirstWithinTheWindowUpToTheLimit() {
        Instant since = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS); // after every other test's records
        List<UUID> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AuditRecord r = record(since.plusMillis(i), null, Set.of());
            auditLog.append(r, activeRuleset.get());
            written.add(0, r.evaluationId());
        }
        auditLog.append(record(since.minusMillis(1), null, Set.of()), activeRuleset.get()); // before the window

        List<UUID> streamed = new ArrayList<>();
        assertThat(repository.stream(since, 100, r -> streamed.add(r.evaluationId()))).isEqualTo(7);
        assertThat(streamed).containsExactlyElementsOf(written);
        List<UUID> limited = new ArrayList<>();
        repository.stream(since, 3, r -> limited.add(r.evaluationId()));
        assertThat(limited).containsExactlyElementsOf(written.subList(0, 3));
        assertThatThrownBy(() -> repository.stream(since, 100_001, r -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
