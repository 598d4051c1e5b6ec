package org.crampadvisor.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.TraceEntry;
import org.crampadvisor.engine.TracedFact;
import org.crampadvisor.model.AdviceReason;
import org.crampadvisor.model.CauseEvidence;
import org.crampadvisor.model.LabResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine end to end, without HTTP: facts in, a traced recommendation out. */
class EvaluatorTest {

    private static final ObjectMapper JSON = StrictJson.newMapper();
    private final Evaluator evaluator = new Evaluator(Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC),
            () -> UUID.fromString("0193c1f2-0000-7000-8000-000000000000"));

    private Recommendation evaluate(String json) throws Exception {
        return evaluator.evaluate(JSON.readValue(json, EvaluationRequest.class), RulesFolderFixture.ruleset());
    }

    @Test
    void shouldGiveAnEqualAnswerToEqualInput() throws Exception {
        String body = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/spec-example.json"));
        String first = JSON.writeValueAsString(evaluate(body));
        String second = JSON.writeValueAsString(evaluate(body));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldLetAReaderFollowAdviceBackThroughCausesToTheInput() throws Exception {
        Recommendation answer = evaluate("""
                {"labs": [{"analyte": "potassium", "value": 3.1, "unit": "mmol/L"}]}""");

        TraceEntry referral = firing(answer, "Refer: likely cause from an out-of-range lab value");
        assertThat(referral.inserted()).extracting(TracedFact::fact)
                .containsExactly(new AdviceReason(org.crampadvisor.model.AdviceCode.CONSULT_PROFESSIONAL,
                        "OUT_OF_RANGE_LAB_VALUE"));
        TracedFact evidence = referral.matched().get(0);
        assertThat(evidence.fact()).isInstanceOf(CauseEvidence.class);

        // The same fact id is what the cause rule inserted, and that rule matched the lab result as sent.
        TraceEntry cause = answer.trace().stream()
                .filter(t -> t.inserted().stream().anyMatch(f -> f.id() == evidence.id()))
                .findFirst().orElseThrow();
        assertThat(cause.rule()).isEqualTo("Low serum potassium");
        assertThat(cause.matched()).extracting(TracedFact::fact).anySatisfy(fact -> assertThat(fact)
                .isEqualTo(new LabResult("labs[0]", "potassium", 3.1, "mmol/L", 3.1, "mmol/L")));
        assertThat(cause.sequence()).isLessThan(referral.sequence());
    }

    @Test
    void shouldGatherEveryReasonForOneCauseOnceWithTheStrongestCertainty() throws Exception {
        Recommendation answer = evaluate("""
                {"labs": [{"analyte": "potassium", "value": 3.1, "unit": "mmol/L"},
                          {"analyte": "sodium", "value": 130, "unit": "mmol/L"}],
                 "hydration": {"heavySweating": true}}""");
        assertThat(answer.causes()).hasSize(1);
        Recommendation.Cause electrolytes = answer.causes().get(0);
        assertThat(electrolytes.certainty()).isEqualTo(org.crampadvisor.model.Certainty.LIKELY);
        assertThat(electrolytes.rules()).containsExactly("Low serum potassium", "Low serum sodium",
                "Fluid loss: heavy sweating");
        assertThat(electrolytes.findings()).hasSize(3);
        assertThat(answer.advice()).extracting(Recommendation.Advice::code).doesNotHaveDuplicates();
    }

    @Test
    void shouldCompareLabValuesInCanonicalUnitsAndShowBoth() throws Exception {
        Recommendation answer = evaluate("""
                {"labs": [{"analyte": "vitamin-d", "value": 40, "unit": "nmol/L"}]}""");
        assertThat(answer.causes().get(0).findings())
                .containsExactly("25-OH vitamin D 40 nmol/L (16.03 ng/mL) is below 20 ng/mL");
    }

    @Test
    void shouldKeepThePatientIdOutOfTheFacts() throws Exception {
        Recommendation answer = evaluate("""
                {"patient": {"id": "p-123", "age": 67, "sex": "female"}}""");
        assertThat(JSON.writeValueAsString(answer.trace())).doesNotContain("p-123");
        Map<String, Object> anyPatient = new HashMap<>();
        answer.trace().forEach(t -> t.matched().forEach(f -> anyPatient.put(f.type(), f.fact())));
        assertThat(List.copyOf(anyPatient.keySet())).doesNotContain("EvaluationRequest");
    }

    private static TraceEntry firing(Recommendation answer, String rule) {
        return answer.trace().stream().filter(t -> t.rule().equals(rule)).findFirst().orElseThrow();
    }
}
