package org.crampadvisor.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.FieldError;
import org.crampadvisor.evaluation.FieldPaths;
import org.crampadvisor.evaluation.JsonReadErrors;
import org.crampadvisor.evaluation.StrictJson;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads scenario files ({@code *.yaml} or {@code *.yml}) from a scenarios folder. The {@code given}
 * part is read and checked exactly like an HTTP request body, so a scenario cannot test input the
 * service would refuse.
 */
public final class ScenarioLoader {

    private static final ObjectMapper YAML = StrictJson.configure(new YAMLMapper()).findAndRegisterModules();
    private static final ValidatorFactory VALIDATION = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();

    /** A scenario file, read or not. */
    public record Loaded(String file, Scenario scenario, String error) {
    }

    private ScenarioLoader() {
    }

    public static List<Path> scenarioFiles(Path scenariosFolder) throws IOException {
        if (!Files.isDirectory(scenariosFolder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(scenariosFolder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    public static Loaded load(Path scenariosFolder, Path file) {
        String relative = scenariosFolder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        try {
            JsonNode root = YAML.readTree(Files.readAllBytes(file));
            if (!(root instanceof ObjectNode scenario)) {
                return new Loaded(relative, null, "a scenario file holds name, given and expect");
            }
            List<String> unknown = new ArrayList<>();
            scenario.fieldNames().forEachRemaining(name -> {
                if (!Set.of("name", "given", "expect").contains(name)) {
                    unknown.add(name);
                }
            });
            if (!unknown.isEmpty()) {
                return new Loaded(relative, null, "unknown key(s) " + unknown + "; a scenario holds name, given and expect");
            }
            String name = scenario.path("name").asText("");
            if (name.isBlank()) {
                return new Loaded(relative, null, "the scenario needs a name");
            }
            EvaluationRequest given;
            try {
                JsonNode givenNode = scenario.path("given");
                given = givenNode.isMissingNode() || givenNode.isNull() ? EvaluationRequest.empty()
                        : YAML.treeToValue(givenNode, EvaluationRequest.class);
            } catch (JacksonException e) {
                FieldError error = JsonReadErrors.describe(e);
                return new Loaded(relative, null, "given." + error.field() + ": " + error.message());
            }
            List<String> invalid = validate(given);
            if (!invalid.isEmpty()) {
                return new Loaded(relative, null, "the service would refuse this input: " + String.join("; ", invalid));
            }
            Scenario.Expectation expect;
            try {
                expect = YAML.treeToValue(scenario.path("expect"), Scenario.Expectation.class);
            } catch (JacksonException e) {
                FieldError error = JsonReadErrors.describe(e);
                return new Loaded(relative, null, "expect." + error.field() + ": " + error.message());
            }
            if (expect == null || expect.isEmpty()) {
                return new Loaded(relative, null, "the scenario expects nothing; say which causes, advice or rules to expect");
            }
            return new Loaded(relative, new Scenario(relative, name, given, expect), null);
        } catch (JacksonException e) {
            return new Loaded(relative, null, "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Loaded(relative, null, "cannot be read: " + e.getMessage());
        }
    }

    private static List<String> validate(EvaluationRequest request) {
        Validator validator = VALIDATION.getValidator();
        List<String> errors = new ArrayList<>();
        for (ConstraintViolation<EvaluationRequest> violation : validator.validate(request)) {
            errors.add("given." + FieldPaths.of(violation) + ": " + violation.getMessage());
        }
        errors.sort(null);
        return errors;
    }
}
