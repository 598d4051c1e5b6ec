package org.crampadvisor.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * service would refuse. A mistake is reported with its line and column in the file.
 */
public final class ScenarioLoader {

    private static final ObjectMapper YAML = StrictJson.configure(new YAMLMapper()).findAndRegisterModules();
    private static final ValidatorFactory VALIDATION = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();

    /**
     * A scenario file, read or not.
     *
     * @param error  why it could not be used, or {@code null}
     * @param line   where in the file the error is, when known (1-based)
     * @param column likewise
     */
    public record Loaded(String file, Scenario scenario, String error, Integer line, Integer column) {

        static Loaded failed(String file, String error) {
            return new Loaded(file, null, error, null, null);
        }

        static Loaded failed(String file, String error, JsonLocation at) {
            boolean known = at != null && at.getLineNr() > 0;
            return new Loaded(file, null, error, known ? at.getLineNr() : null, known ? at.getColumnNr() : null);
        }
    }

    /** The file as written: the three keys a scenario has. */
    private record ScenarioFile(String name, EvaluationRequest given, Scenario.Expectation expect) {
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
        ScenarioFile read;
        try {
            read = YAML.readValue(Files.readAllBytes(file), ScenarioFile.class);
        } catch (JacksonException e) {
            return Loaded.failed(relative, describe(e), e.getLocation());
        } catch (IOException e) {
            return Loaded.failed(relative, "cannot be read: " + e.getMessage());
        }
        if (read == null) {
            return Loaded.failed(relative, "the file is empty; a scenario holds name, given and expect");
        }
        if (read.name() == null || read.name().isBlank()) {
            return Loaded.failed(relative, "the scenario needs a name");
        }
        EvaluationRequest given = read.given() == null ? EvaluationRequest.empty() : read.given();
        List<String> invalid = validate(given);
        if (!invalid.isEmpty()) {
            return Loaded.failed(relative, "the service would refuse this input: " + String.join("; ", invalid));
        }
        Scenario.Expectation expect = read.expect();
        if (expect == null || expect.isEmpty()) {
            return Loaded.failed(relative, "the scenario expects nothing; say which causes, advice or rules to expect");
        }
        String twice = listedTwice(expect);
        if (twice != null) {
            return Loaded.failed(relative, twice);
        }
        return new Loaded(relative, new Scenario(relative, read.name(), given, expect), null, null, null);
    }

    /** A YAML or JSON reading error in the author's terms: where, which key, and what is wrong. */
    private static String describe(JacksonException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonParseException || !(e instanceof JsonMappingException)) {
            String message = e.getOriginalMessage() == null ? "cannot be read" : e.getOriginalMessage().lines().findFirst().orElse("");
            return "not valid YAML: " + message.strip();
        }
        FieldError error = JsonReadErrors.describe(e);
        return error.field().isEmpty() ? error.message() : error.field() + ": " + error.message();
    }

    /** An expectation that names a code twice says nothing the once would not, and hides a slip. */
    private static String listedTwice(Scenario.Expectation expect) {
        for (var list : java.util.Map.of("advice", orEmpty(expect.advice()), "withheld", orEmpty(expect.withheld())).entrySet()) {
            Set<Object> seen = new java.util.HashSet<>();
            for (Scenario.AdviceExpectation advice : list.getValue()) {
                if (!seen.add(advice.code())) {
                    return "expect." + list.getKey() + " lists " + advice.code() + " twice";
                }
            }
        }
        return null;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
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
