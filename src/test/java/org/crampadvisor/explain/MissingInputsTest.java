package org.crampadvisor.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.evaluation.StrictJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** missingInputs: what the rules could use that the request did not give, in every answer. */
class MissingInputsTest {

    private static final ObjectMapper JSON = StrictJson.newMapper();

    private static Recommendation evaluate(String json) throws Exception {
        return new Evaluator().evaluate(JSON.readValue(json, EvaluationRequest.class), RulesFolderFixture.ruleset());
    }

    @Test
    void shouldOfferSerumMagnesiumAsTheSpecExampleShowsIt() throws Exception {
        MissingInput magnesium = evaluate("""
                {"labs": [{"analyte": "potassium", "value": 3.1, "unit": "mmol/L"}]}""").missingInputs().stream()
                .filter(m -> m.input().equals("labs[analyte=magnesium]")).findFirst().orElseThrow();

        assertThat(magnesium).isEqualTo(new MissingInput("labs[analyte=magnesium]", "serum magnesium",
                List.of("ELECTROLYTE_IMBALANCE"), List.of("BALANCED_DIET", "CONSULT_PROFESSIONAL", "HYDRATE"), List.of(),
                List.of("Low serum magnesium")));
    }

    @Test
    void shouldListWhatTheRequestDidNotGiveAndNothingItDid() throws Exception {
        Recommendation answer = evaluate("""
                {"labs": [{"analyte": "sodium", "value": 140, "unit": "mmol/L"}], "activity": {"intensity": "light"},
                 "medications": [], "hydration": {"heavySweating": false}}""");
        List<String> inputs = answer.missingInputs().stream().map(MissingInput::input).toList();

        assertThat(inputs).doesNotContain("labs[analyte=sodium]", "activity.intensity", "medications", "hydration.heavySweating")
                .contains("labs[analyte=potassium]", "activity.standingHoursPerDay", "conditions", "hydration.dehydrationSigns",
                        "substances.alcoholUnitsPerWeek", "substances.herbalSupplements", "symptoms", "diet.lowIn");
    }

    @Test
    void shouldOrderByCausesThenRulesThenInput() throws Exception {
        List<MissingInput> all = evaluate("{}").missingInputs();

        assertThat(all).isSortedAccordingTo(Comparator.comparingInt((MissingInput m) -> -m.couldConclude().size())
                .thenComparingInt(m -> -m.rules().size()).thenComparing(MissingInput::input));
        // Conditions can lead to three causes (kidney, neurological, malabsorption groups): the most informative input.
        assertThat(all.get(0).input()).isEqualTo("conditions");
        assertThat(all.get(0).couldConclude()).containsExactly("ELECTROLYTE_IMBALANCE", "NEUROLOGICAL_DISORDER",
                "NUTRITIONAL_DEFICIENCY");
        assertThat(all.get(0).couldWithhold()).containsExactly("BALANCED_DIET", "HYDRATE");
    }

    @Test
    void shouldOfferWhatOnlyReferralsUseWithTheAdviceItCouldGive() throws Exception {
        MissingInput duration = evaluate("{}").missingInputs().stream()
                .filter(m -> m.input().equals("cramps.durationWeeks")).findFirst().orElseThrow();

        assertThat(duration.couldConclude()).isEmpty();
        assertThat(duration.couldAdvise()).containsExactly("CONSULT_PROFESSIONAL");
        assertThat(duration.rules()).containsExactly("Refer: cramps that persist");
    }

    @Test
    void shouldSayTheSodiumLabCouldWithholdHydration() throws Exception {
        MissingInput sodium = evaluate("{}").missingInputs().stream()
                .filter(m -> m.input().equals("labs[analyte=sodium]")).findFirst().orElseThrow();

        assertThat(sodium.couldWithhold()).containsExactly("HYDRATE");
        assertThat(sodium.rules()).containsExactly("Withhold hydration: low serum sodium", "Low serum sodium");
    }

    @Test
    void shouldLeaveNothingMissingThatTheSpecExampleGaveAndStillListTheRest() throws Exception {
        Recommendation answer = evaluate(Files.readString(Path.of("src/test/resources/spec-example.json")));

        // Sodium first: two rules use it (the low-sodium finding and the hydration contraindication).
        assertThat(answer.missingInputs()).extracting(MissingInput::input).containsExactly(
                "labs[analyte=sodium]", "labs[analyte=calcium]", "labs[analyte=vitamin-d]");
    }
}
