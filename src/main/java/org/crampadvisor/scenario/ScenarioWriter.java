package org.crampadvisor.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Recommendation;

import java.util.List;

/**
 * Writes a tried patient as a scenario file: its facts as {@code given} and an answer as what to
 * {@code expect} (causes with their certainty, advice and withheld advice with their reasons, the names not
 * recognised), in the format {@link ScenarioLoader} reads. A clinician who checks it and adds it to
 * {@code rules/scenarios/} has the rules tested against that patient at every change.
 * <p>
 * The patient id is left out: a scenario is kept with the rules, where no identifier of a patient belongs.
 */
public final class ScenarioWriter {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build()
            .findAndRegisterModules()
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    private ScenarioWriter() {
    }

    /**
     * The scenario file's text.
     *
     * @param header lines put first as YAML comments (where it came from, what to check)
     */
    public static String write(String name, EvaluationRequest given, Recommendation answer, List<String> header) {
        ObjectNode scenario = YAML.createObjectNode();
        scenario.put("name", name);
        ObjectNode facts = YAML.valueToTree(given.withPatientId(null));
        if (facts.path("patient").isObject() && facts.path("patient").isEmpty()) {
            facts.remove("patient");
        }
        scenario.set("given", asWritten(facts));
        ObjectNode expect = scenario.putObject("expect");
        // Every part is written, empty or not: a scenario states exactly what the answer holds.
        ObjectNode causes = expect.putObject("causes");
        for (Recommendation.Cause cause : answer.causes()) {
            causes.put(cause.code().name(), cause.certainty().code());
        }
        ArrayNode advice = expect.putArray("advice");
        answer.advice().forEach(a -> advice.add(reasons(a.code().name(), a.because())));
        ArrayNode withheld = expect.putArray("withheld");
        answer.withheld().forEach(w -> withheld.add(reasons(w.code().name(), w.because())));
        ArrayNode unrecognized = expect.putArray("unrecognized");
        answer.unrecognized().forEach(u -> unrecognized.add(u.value()));
        StringBuilder text = new StringBuilder();
        header.forEach(line -> text.append("# ").append(line.replaceAll("\\R", " ")).append('\n'));
        try {
            return text.append(YAML.writeValueAsString(scenario)).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scenario could not be written as YAML", e);
        }
    }

    /** Whole numbers as a person writes them ({@code 4}, not the {@code 4.0} of a decimal field). */
    private static JsonNode asWritten(JsonNode node) {
        if (node.isFloatingPointNumber() && node.doubleValue() == Math.rint(node.doubleValue())
                && Math.abs(node.doubleValue()) < 1e15) {
            return LongNode.valueOf((long) node.doubleValue());
        }
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> field.setValue(asWritten(field.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, asWritten(array.get(i)));
            }
        }
        return node;
    }

    private static ObjectNode reasons(String code, List<String> because) {
        ObjectNode entry = YAML.createObjectNode().put("code", code);
        ArrayNode reasons = entry.putArray("because");
        because.forEach(reasons::add);
        return entry;
    }
}
