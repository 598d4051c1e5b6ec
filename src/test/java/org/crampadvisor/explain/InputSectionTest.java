package org.crampadvisor.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.FactMapper;
import org.crampadvisor.evaluation.RequestInputs;
import org.crampadvisor.evaluation.StrictJson;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The table of where input facts come from agrees with the request and with the facts mapping. */
class InputSectionTest {

    private static final ObjectMapper JSON = StrictJson.newMapper();

    @Test
    void shouldCoverEveryFactTypeTheRequestBecomes() {
        assertThat(List.<Class<?>>copyOf(InputSection.factTypes())).containsExactlyInAnyOrderElementsOf(FactMapper.FACT_TYPES);
    }

    @Test
    void shouldNameEachFieldOfAScalarSectionAsTheRequestDoes() {
        for (InputSection section : InputSection.values()) {
            if (section.shape() != InputSection.Shape.FIELDS) {
                continue;
            }
            Class<?> requestSection = Arrays.stream(EvaluationRequest.class.getRecordComponents())
                    .filter(c -> c.getName().equals(section.path())).findFirst().orElseThrow().getType();
            Set<String> requestFields = Arrays.stream(requestSection.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toSet());
            assertThat(requestFields).as(section.path()).containsAll(section.fields());
        }
    }

    @Test
    void shouldPlaceEveryFactOfTheSpecExampleAtItsSectionsPath() throws Exception {
        EvaluationRequest request = JSON.readValue(Files.readString(Path.of("src/test/resources/spec-example.json")),
                EvaluationRequest.class);
        for (Object fact : FactMapper.toFacts(request, RulesFolderFixture.ruleset().reference())) {
            InputSection section = InputSection.ofType(fact.getClass().getSimpleName()).orElseThrow();
            String field = (String) fact.getClass().getMethod(InputSection.ORIGIN_FIELD).invoke(fact);
            assertThat(field).as(fact.toString()).startsWith(section.path());
        }
    }

    @Test
    void shouldReadTheInputsARequestGives() throws Exception {
        Set<String> given = RequestInputs.given(JSON.readValue("""
                {"labs": [{"analyte": "vitamin-d", "value": 40, "unit": "nmol/L"}], "activity": {"intensity": "none"},
                 "medications": [], "substances": {"herbalSupplements": ["senna"]}, "diet": {}}""", EvaluationRequest.class));

        assertThat(given).containsExactlyInAnyOrder("labs", "labs[analyte=vitamin-d]", "activity", "activity.intensity",
                "medications", "substances", "substances.herbalSupplements");
        assertThat(RequestInputs.given(EvaluationRequest.empty())).isEmpty();
    }

    @Test
    void shouldFindTheSectionOfAnInput() {
        assertThat(List.of("labs[analyte=magnesium]", "activity.intensity", "substances.herbalSupplements", "diet.lowIn",
                "substances.caffeineMgPerDay").stream().map(i -> InputSection.ofInput(i).orElseThrow()).toList())
                .containsExactly(InputSection.LABS, InputSection.ACTIVITY, InputSection.HERBAL_SUPPLEMENTS, InputSection.DIET,
                        InputSection.SUBSTANCES);
        assertThat(InputSection.ofInput("activity.pace")).isEmpty();
    }
}
