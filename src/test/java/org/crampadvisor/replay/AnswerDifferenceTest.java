package org.crampadvisor.replay;

import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.evaluation.StrictJson;
import org.crampadvisor.model.Certainty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerDifferenceTest {

    private static Recommendation evaluate(String json) throws Exception {
        return new Evaluator().evaluate(StrictJson.newMapper().readValue(json, EvaluationRequest.class),
                RulesFolderFixture.ruleset());
    }

    @Test
    void shouldFindNoChangesBetweenEqualAnswers() throws Exception {
        Recommendation answer = evaluate("{\"symptoms\": [\"tremor\"]}");
        assertThat(AnswerDifference.between(answer, evaluate("{\"symptoms\": [\"tremor\"]}")).noChanges()).isTrue();
    }

    @Test
    void shouldNameCausesAdviceRulesAndCertaintiesThatChanged() throws Exception {
        Recommendation symptomOnly = evaluate("{\"symptoms\": [\"tremor\"]}");
        Recommendation withCondition = evaluate("{\"symptoms\": [\"tremor\"], \"conditions\": [\"MS\"], \"hydration\": {\"heavySweating\": true}}");
        AnswerDifference difference = AnswerDifference.between(symptomOnly, withCondition);
        assertThat(difference.noChanges()).isFalse();
        assertThat(difference.causesAdded()).containsExactly("ELECTROLYTE_IMBALANCE");
        assertThat(difference.causesRemoved()).isEmpty();
        assertThat(difference.certaintiesChanged()).containsExactly(
                new AnswerDifference.CertaintyChange("NEUROLOGICAL_DISORDER", Certainty.POSSIBLE, Certainty.LIKELY));
        assertThat(difference.adviceAdded()).containsExactly("BALANCED_DIET", "HYDRATE");
        assertThat(difference.rulesFiredAdded()).contains("Recorded neurological condition", "Fluid loss: heavy sweating");
        assertThat(AnswerDifference.between(withCondition, symptomOnly).causesRemoved()).containsExactly("ELECTROLYTE_IMBALANCE");
    }
}
