package org.crampadvisor.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.Patient;
import org.crampadvisor.engine.TraceEntry;
import org.crampadvisor.engine.TracedFact;
import org.crampadvisor.model.AdviceReason;
import org.crampadvisor.model.CauseEvidence;
import org.crampadvisor.model.LabResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
    void shouldKeepThePatientIdOutOfTheFactsThatRulesSee(@TempDir Path temp) throws Exception {
        // A rule that matches the patient, so that the trace shows what the patient fact holds.
        Ruleset withPatientRule = compileWith(temp, "causes/patient.drl", """
                package causes;
                import org.crampadvisor.model.*;
                rule "Older patient"
                    @description("d") @source("Electrolyte Imbalance")
                when
                    $patient : Patient( age >= 65 )
                then
                    insert( new AdviceReason( AdviceCode.CONSULT_PROFESSIONAL, "OLDER_PATIENT" ) );
                end
                """);
        Recommendation answer = evaluator.evaluate(JSON.readValue("""
                {"patient": {"id": "p-123", "age": 67, "sex": "female"}}""", EvaluationRequest.class), withPatientRule);

        TraceEntry firing = firing(answer, "Older patient");
        assertThat(firing.matched()).singleElement().satisfies(fact -> assertThat(fact.fact())
                .isEqualTo(new Patient("patient", 67, "female")));
        assertThat(JSON.writeValueAsString(answer)).contains("\"age\":67").doesNotContain("p-123");
    }

    @Test
    void shouldListWithheldAdviceOnlyWhenARuleWouldOtherwiseHaveGivenIt(@TempDir Path temp) throws Exception {
        Ruleset withExtraContraindication = compileWith(temp, "advice/extra.drl", """
                package advice;
                import org.crampadvisor.model.*;
                rule "Withhold exercise: low serum sodium"
                    @description("d") @source("Overuse or Strain")
                when
                    $limit : Threshold( name == "sodium.low" )
                    $lab   : LabResult( analyte == "sodium", canonicalValue < $limit.value )
                then
                    insert( new AdviceWithheld( AdviceCode.LOW_IMPACT_EXERCISE, "LOW_SODIUM" ) );
                end
                """);
        Recommendation answer = evaluator.evaluate(JSON.readValue("""
                {"labs": [{"analyte": "sodium", "value": 129, "unit": "mmol/L"}]}""", EvaluationRequest.class),
                withExtraContraindication);

        assertThat(answer.rulesFired()).contains("Withhold exercise: low serum sodium", "Withhold hydration: low serum sodium");
        assertThat(answer.withheld()).containsExactly(new Recommendation.Withheld(AdviceCode.HYDRATE, List.of("LOW_SODIUM"),
                List.of("Withhold hydration: low serum sodium")));
        assertThat(answer.advice()).extracting(Recommendation.Advice::code)
                .containsExactly(AdviceCode.BALANCED_DIET, AdviceCode.CONSULT_PROFESSIONAL);
    }

    @Test
    void shouldWordFindingsFromTheFindingsTableWithTheFactsTheRuleMatched() throws Exception {
        Recommendation answer = evaluate("""
                {"labs": [{"analyte": "magnesium", "value": 1.4, "unit": "mg/dL"}],
                 "medications": [{"name": "Lasix"}], "conditions": ["MS"]}""");
        assertThat(answer.causes()).flatExtracting(Recommendation.Cause::findings).containsExactlyInAnyOrder(
                "Serum magnesium 1.4 mg/dL (0.58 mmol/L) is below 0.70 mmol/L",
                "Diuretic Lasix (furosemide) can upset the balance of electrolytes",
                "Takes Lasix (furosemide), a loop diuretic",
                "Recorded condition MS (multiple sclerosis) can affect muscle control");
        // The trace shows the evidence as worded, so trace and answer say the same.
        assertThat(answer.trace()).flatExtracting(TraceEntry::inserted).extracting(TracedFact::fact)
                .filteredOn(CauseEvidence.class::isInstance).map(f -> ((CauseEvidence) f).text())
                .contains("Takes Lasix (furosemide), a loop diuretic");
    }

    private static Ruleset compileWith(Path temp, String file, String drl) throws Exception {
        Path folder = RulesFolderCopy.of(RulesFolderFixture.RULES, temp.resolve("rules"));
        java.nio.file.Files.writeString(folder.resolve(file), drl);
        return new RulesetCompiler().compile(folder);
    }

    private static TraceEntry firing(Recommendation answer, String rule) {
        return answer.trace().stream().filter(t -> t.rule().equals(rule)).findFirst().orElseThrow();
    }
}
