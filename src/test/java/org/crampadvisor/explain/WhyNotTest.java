package org.crampadvisor.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.engine.TracedFact;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.evaluation.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Why-not as a clinician reads it: which rules could have concluded an absent cause, and what stopped each. */
class WhyNotTest {

    private static final ObjectMapper JSON = StrictJson.newMapper();
    private final Evaluator evaluator = new Evaluator();

    static Recommendation explain(String json, Ruleset ruleset) throws Exception {
        return new Evaluator().evaluate(JSON.readValue(json, EvaluationRequest.class), ruleset, Evaluator.Explanation.WHY_NOT);
    }

    private static Recommendation explain(String json) throws Exception {
        return explain(json, RulesFolderFixture.ruleset());
    }

    static WhyNot.RuleWhyNot entry(Recommendation answer, String cause, String rule) {
        return answer.whyNot().stream().filter(w -> w.cause().equals(cause)).findFirst()
                .orElseThrow(() -> new AssertionError(cause + " is not in whyNot: " + answer.whyNot()))
                .rules().stream().filter(r -> r.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError(rule + " is not listed for " + cause));
    }

    @Test
    void shouldListEveryCauseNotConcludedInCodeOrderAndNoCauseThatWas() throws Exception {
        Recommendation answer = explain("""
                {"labs": [{"analyte": "potassium", "value": 3.1, "unit": "mmol/L"}], "symptoms": ["tremor"]}""");

        assertThat(answer.causeCodes()).containsExactly("ELECTROLYTE_IMBALANCE", "NEUROLOGICAL_DISORDER");
        assertThat(answer.whyNot()).extracting(WhyNot::cause)
                .containsExactly("MEDICATION_OR_SUBSTANCE", "NUTRITIONAL_DEFICIENCY", "OVERUSE_OR_STRAIN");
    }

    @Test
    void shouldSayWhichLabIsMissingWhenNoneWasSent() throws Exception {
        WhyNot.RuleWhyNot magnesium = entry(explain("{}"), "ELECTROLYTE_IMBALANCE", "Low serum magnesium");

        assertThat(magnesium.kind()).isEqualTo("missing");
        assertThat(magnesium.input()).isEqualTo("labs[analyte=magnesium]");
        assertThat(magnesium.condition()).isEqualTo("analyte == \"magnesium\"");
        assertThat(magnesium.text()).isEqualTo("Serum magnesium not reported");
        assertThat(magnesium.file()).isEqualTo("causes/electrolyte-imbalance.drl");
        assertThat(magnesium.line()).isEqualTo(29);
        assertThat(magnesium.facts()).isEmpty();
    }

    @Test
    void shouldShowTheValuesComparedWhenALabIsWithinItsLimit() throws Exception {
        WhyNot.RuleWhyNot potassium = entry(explain("""
                {"labs": [{"analyte": "potassium", "value": 3.6, "unit": "mmol/L"}]}"""),
                "ELECTROLYTE_IMBALANCE", "Low serum potassium");

        assertThat(potassium.kind()).isEqualTo("not-met");
        assertThat(potassium.condition()).isEqualTo("canonicalValue < $limit.value");
        assertThat(potassium.text()).isEqualTo("Serum potassium 3.6 mmol/L is not below 3.5 mmol/L");
        assertThat(potassium.input()).isNull();
    }

    @Test
    void shouldNameTheFactsComparedByTheirTraceIds() throws Exception {
        // Intense activity fires the hydration advice, so the activity fact is in the trace; standing compared it.
        Recommendation answer = explain("""
                {"activity": {"intensity": "intense", "warmsUp": true, "stretches": true, "restDaysPerWeek": 2,
                              "standingHoursPerDay": 3}}""");
        TracedFact activity = answer.trace().stream().filter(f -> f.rule().equals("Hydrate: intense activity"))
                .flatMap(f -> f.matched().stream()).findFirst().orElseThrow();
        int standingLimit = 1 + RulesFolderFixture.ruleset().reference().thresholds().stream()
                .map(org.crampadvisor.model.Threshold::name).toList().indexOf("standing.prolonged");

        WhyNot.RuleWhyNot standing = entry(answer, "OVERUSE_OR_STRAIN", "Prolonged standing");
        assertThat(standing.text()).isEqualTo("Time standing 3 hours/day is below 6 hours/day");
        assertThat(standing.facts()).containsExactly(standingLimit, activity.id());
    }

    @Test
    void shouldShowALabSentInAnotherUnitAsSentAndAsCompared() throws Exception {
        WhyNot.RuleWhyNot magnesium = entry(explain("""
                {"labs": [{"analyte": "magnesium", "value": 1.9, "unit": "mg/dL"}]}"""),
                "ELECTROLYTE_IMBALANCE", "Low serum magnesium");

        assertThat(magnesium.text()).isEqualTo("Serum magnesium 1.9 mg/dL (0.78 mmol/L) is not below 0.70 mmol/L");
    }

    @Test
    void shouldSayAFieldOfAGivenSectionIsNotReported() throws Exception {
        Recommendation answer = explain("""
                {"activity": {"warmsUp": false, "stretches": false}}""");

        WhyNot.RuleWhyNot warmUp = entry(answer, "OVERUSE_OR_STRAIN", "Intense activity without warm-up");
        assertThat(warmUp.kind()).isEqualTo("missing");
        assertThat(warmUp.input()).isEqualTo("activity.intensity");
        assertThat(warmUp.text()).isEqualTo("Activity intensity not reported");
        assertThat(answer.missingInputs()).extracting(MissingInput::input).contains("activity.intensity")
                .doesNotContain("activity.warmsUp", "activity.stretches");
    }

    @Test
    void shouldSayAComparedValueAndItsLimitInTheLimitsUnit() throws Exception {
        Recommendation answer = explain("""
                {"activity": {"intensity": "light", "standingHoursPerDay": 5}, "substances": {"alcoholUnitsPerWeek": 14}}""");

        assertThat(entry(answer, "OVERUSE_OR_STRAIN", "Prolonged standing").text())
                .isEqualTo("Time standing 5 hours/day is below 6 hours/day");
        assertThat(entry(answer, "OVERUSE_OR_STRAIN", "Intense activity without warm-up").text())
                .isEqualTo("Activity intensity is light, not intense");
        assertThat(entry(answer, "MEDICATION_OR_SUBSTANCE", "Alcohol over the weekly limit").text())
                .isEqualTo("Alcohol intake 14 units/week is not above 14 units/week");
    }

    @Test
    void shouldSayWhatEachListedEntryIsWhenNoneMeetsTheCondition() throws Exception {
        Recommendation answer = explain("""
                {"conditions": ["hypertension", "MS"], "medications": [{"name": "metformin"}]}""");

        WhyNot.RuleWhyNot kidney = entry(answer, "ELECTROLYTE_IMBALANCE", "Recorded kidney disease");
        assertThat(kidney.kind()).isEqualTo("not-met");
        assertThat(kidney.text()).isEqualTo("None of the recorded conditions has catalogue group kidney: "
                + "hypertension (catalogue group none), MS (catalogue group neurological)");
        assertThat(kidney.facts()).hasSize(2);
        assertThat(entry(answer, "MEDICATION_OR_SUBSTANCE", "Diuretic medication").text())
                .isEqualTo("None of the medications has catalogue groups including diuretic: metformin (catalogue groups none)");
    }

    @Test
    void shouldTellAnEmptyListFromOneNotSent() throws Exception {
        Recommendation none = explain("""
                {"medications": [], "symptoms": []}""");

        WhyNot.RuleWhyNot diuretic = entry(none, "MEDICATION_OR_SUBSTANCE", "Diuretic medication");
        assertThat(diuretic.kind()).isEqualTo("not-met");
        assertThat(diuretic.text()).isEqualTo("No medications are reported, so none has catalogue groups including diuretic");
        assertThat(entry(none, "NEUROLOGICAL_DISORDER", "Neurological symptom with the cramps").text())
                .isEqualTo("Neurological symptoms: none reported");
        assertThat(none.missingInputs()).extracting(MissingInput::input).doesNotContain("medications", "symptoms");

        WhyNot.RuleWhyNot notSent = entry(explain("{}"), "MEDICATION_OR_SUBSTANCE", "Diuretic medication");
        assertThat(notSent.kind()).isEqualTo("missing");
        assertThat(notSent.text()).isEqualTo("Medications not reported");
    }

    @Test
    void shouldGiveTheSameAnswerAsWithoutWhyNotApartFromWhyNot() throws Exception {
        String body = Files.readString(Path.of("src/test/resources/spec-example.json"));
        Evaluator fixed = new Evaluator(java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC),
                () -> java.util.UUID.fromString("0193c1f2-0000-7000-8000-000000000000"));
        EvaluationRequest request = JSON.readValue(body, EvaluationRequest.class);
        Recommendation plain = fixed.evaluate(request, RulesFolderFixture.ruleset());
        Recommendation explained = fixed.evaluate(request, RulesFolderFixture.ruleset(), Evaluator.Explanation.WHY_NOT);

        assertThat(explained.whyNot()).isEmpty(); // the SPEC example concludes all five causes
        assertThat(JSON.writeValueAsString(explained).replace(",\"whyNot\":[]", "")).isEqualTo(JSON.writeValueAsString(plain));
        assertThat(JSON.writeValueAsString(plain)).doesNotContain("whyNot");
    }

    // ---- rules that chain, join two inputs, or forbid a fact

    @Test
    void shouldListTheRulesACauseWaitsOnAndWhyEachDidNotFire(@TempDir Path temp) throws Exception {
        Ruleset chained = withRules(temp, """
                rule "Low potassium on a diuretic points to a poor diet"
                    @description("d") @source("Nutritional Deficiencies")
                when
                    $evidence   : CauseEvidence( finding == "low-potassium" )
                    $medication : Medication( groups contains "diuretic" )
                then
                    insert( CauseEvidence.possible( CauseCode.NUTRITIONAL_DEFICIENCY, "poor-diet", Basis.DIET ) );
                end
                """);
        Recommendation answer = explain("""
                {"labs": [{"analyte": "potassium", "value": 3.6, "unit": "mmol/L"}], "medications": [{"name": "Lasix"}]}""",
                chained);

        List<WhyNot.RuleWhyNot> rules = answer.whyNot().stream().filter(w -> w.cause().equals("NUTRITIONAL_DEFICIENCY"))
                .findFirst().orElseThrow().rules();
        // The rules that conclude the cause, in file order, then the rule whose conclusion one of them waits on.
        assertThat(rules).extracting(WhyNot.RuleWhyNot::rule).containsExactly(
                "Low potassium on a diuretic points to a poor diet", "Low vitamin D", "Diet low in a muscle nutrient",
                "Condition that impairs absorption", "Low serum potassium");
        WhyNot.RuleWhyNot chain = rules.get(0);
        assertThat(chain.kind()).isEqualTo("blocked");
        assertThat(chain.condition()).isEqualTo("finding == \"low-potassium\"");
        assertThat(chain.text()).isEqualTo("It needs a cause evidence with finding == \"low-potassium\", but those concluded are "
                + "diuretic (MEDICATION_OR_SUBSTANCE), diuretic-electrolytes (ELECTROLYTE_IMBALANCE); it would come from "
                + "\"Low serum potassium\", which did not fire");
        WhyNot.RuleWhyNot upstream = rules.get(4);
        assertThat(upstream.kind()).isEqualTo("not-met");
        assertThat(upstream.text()).isEqualTo("Serum potassium 3.6 mmol/L is not below 3.5 mmol/L");
    }

    @Test
    void shouldSayALaterConditionFailedAfterEarlierOnesMatched(@TempDir Path temp) throws Exception {
        Ruleset joined = withRules(temp, """
                rule "Intense activity with heavy sweating"
                    @description("d") @source("Overuse or Strain")
                when
                    $activity  : Activity( intensity == "intense" )
                    $hydration : Hydration( heavySweating == true )
                then
                    insert( CauseEvidence.possible( CauseCode.OVERUSE_OR_STRAIN, "no-warm-up", Basis.ACTIVITY ) );
                end
                """);
        Recommendation answer = explain("""
                {"activity": {"intensity": "intense", "warmsUp": true, "stretches": true, "restDaysPerWeek": 2},
                 "hydration": {"heavySweating": false}}""", joined);

        WhyNot.RuleWhyNot rule = entry(answer, "OVERUSE_OR_STRAIN", "Intense activity with heavy sweating");
        assertThat(rule.kind()).isEqualTo("blocked");
        assertThat(rule.condition()).isEqualTo("heavySweating == true");
        assertThat(rule.text()).isEqualTo("Heavy sweating is no, not yes (its earlier conditions matched activity)");
        assertThat(rule.facts()).hasSize(2);
    }

    @Test
    void shouldNameWhatANotFindsInTheWay(@TempDir Path temp) throws Exception {
        Ruleset forbidding = withRules(temp, """
                rule "Severe cramps without neurological symptoms"
                    @description("d") @source("Neurological Disorders")
                when
                    $cramps : Cramps( severity == "severe" )
                    not Symptom()
                then
                    insert( CauseEvidence.possible( CauseCode.NUTRITIONAL_DEFICIENCY, "poor-diet", Basis.DIET ) );
                end
                """);
        Recommendation answer = explain("""
                {"cramps": {"severity": "severe"}, "symptoms": ["tremor"], "diet": {"lowIn": []}}""", forbidding);

        WhyNot.RuleWhyNot rule = entry(answer, "NUTRITIONAL_DEFICIENCY", "Severe cramps without neurological symptoms");
        assertThat(rule.kind()).isEqualTo("blocked");
        assertThat(rule.condition()).isEqualTo("not Symptom()");
        assertThat(rule.text()).isEqualTo("It requires none, but there is tremor (symptoms[0])");
        assertThat(rule.facts()).hasSize(2);
    }

    /** The frozen rules with one more file of rules and everything else as it is. */
    private static Ruleset withRules(Path temp, String rules) throws Exception {
        Path folder = RulesFolderCopy.of(RulesFolderFixture.RULES, temp.resolve("rules"));
        Files.writeString(folder.resolve("causes/extra.drl"), "package causes;\n\nimport org.crampadvisor.model.*;\n\n" + rules);
        return new RulesetCompiler().compile(folder);
    }
}
