package org.crampadvisor.bench.jmh;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.StrictJson;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The requests and rulesets the in-process benchmarks evaluate, checked as the service checks them. */
final class BenchmarkInputs {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    static {
        // Without Quarkus to configure logging, the log manager on the classpath keeps every level, down to
        // TRACE, and Drools formats its trace messages on every insert: not what the service does (INFO).
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
    }

    private BenchmarkInputs() {
    }

    static Ruleset shippedRuleset() throws Exception {
        return new RulesetCompiler().compile(Path.of("rules"));
    }

    static EvaluationRequest specExample() throws Exception {
        return request(Files.readString(Path.of("src/test/resources/spec-example.json")));
    }

    static EvaluationRequest request(String json) throws Exception {
        EvaluationRequest request = StrictJson.newMapper().readValue(json, EvaluationRequest.class);
        Set<ConstraintViolation<EvaluationRequest>> violations = VALIDATOR.validate(request);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("a benchmark request the service would refuse: " + violations);
        }
        return request;
    }
}
