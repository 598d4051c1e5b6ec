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
        byte[] yaml;
        try {
            yaml = Files.readAllBytes(file);
        } catch (IOException e) {
            return Loaded.failed(relative, "cannot be read: " + e.getMessage());
        }
        try {
            read = YAML.readValue(yaml, ScenarioFile.class);
        } catch (JacksonException e) {
            return Loaded.failed(relative, describe(e), location(yaml, e));
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

    /**
     * Where the mistake is. A syntax error knows its place; a mapping error is often noticed only once the
     * whole object has been read, so its place is found again by following its path through the file.
     */
    private static JsonLocation location(byte[] yaml, JacksonException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            try (com.fasterxml.jackson.core.JsonParser parser = YAML.createParser(yaml)) {
                parser.nextToken();
                JsonLocation found = locate(parser, mapping.getPath(), 0);
                if (found != null) {
                    return found;
                }
            } catch (IOException | RuntimeException unreadable) {
                // fall back to what the error says
            }
        }
        return e.getLocation();
    }

    /** The location of the key or element at {@code path}, the parser standing on the value at {@code path[0, depth)}. */
    private static JsonLocation locate(com.fasterxml.jackson.core.JsonParser parser,
                                       List<JsonMappingException.Reference> path, int depth) throws IOException {
        JsonMappingException.Reference step = path.get(depth);
        boolean last = depth == path.size() - 1;
        if (parser.currentToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT && step.getFieldName() != null) {
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                boolean wanted = step.getFieldName().equals(parser.currentName());
                JsonLocation key = parser.currentTokenLocation();
                parser.nextToken();
                if (wanted) {
                    return last ? key : locate(parser, path, depth + 1);
                }
                parser.skipChildren();
            }
        } else if (parser.currentToken() == com.fasterxml.jackson.core.JsonToken.START_ARRAY && step.getIndex() >= 0) {
            for (int index = 0; parser.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY; index++) {
                if (index == step.getIndex()) {
                    return last ? parser.currentTokenLocation() : locate(parser, path, depth + 1);
                }
                parser.skipChildren();
            }
        }
        return null;
    }

    /** A YAML or JSON reading error in the author's terms: where, which key, and what is wrong. */
    private static String describe(JacksonException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof com.fasterxml.jackson.core.exc.StreamReadException syntax) {
                return "not valid YAML: " + yamlProblem(syntax.getOriginalMessage());
            }
        }
        FieldError error = JsonReadErrors.describe(e);
        return error.field().isEmpty() ? error.message() : error.field() + ": " + error.message();
    }

    /** SnakeYAML says what it was doing, where, and what it expected: the first and the last say it. */
    private static String yamlProblem(String message) {
        if (message == null) {
            return "cannot be read";
        }
        List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String expected = lines.stream().filter(l -> l.startsWith("expected") || l.startsWith("found")).findFirst()
                .orElse(null);
        return expected == null || lines.get(0).equals(expected) ? lines.get(0) : lines.get(0) + ": " + expected;
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
