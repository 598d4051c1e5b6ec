package org.crampadvisor.lifecycle;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetBuildException;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.engine.RulesetProblem;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.FieldError;
import org.crampadvisor.evaluation.FieldPaths;
import org.crampadvisor.evaluation.JsonReadErrors;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.evaluation.StrictJson;
import org.crampadvisor.explain.MissingInput;
import org.crampadvisor.explain.WhyNot;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scripts/check-rules --explain FILE.json [rules-folder]}: one request file evaluated on a rules
 * folder, without a server, printed for a rule author: the causes and advice, why each absent cause is
 * absent (every rule that could have concluded it and its first unmet condition), and what the request
 * did not give that the rules could use. {@code --json} prints the whole answer as the service sends it.
 */
final class ExplainCommand {

    private ExplainCommand() {
    }

    static int run(Path requestFile, Path folder, boolean asJson, PrintStream out) {
        EvaluationRequest request;
        try {
            request = read(requestFile, out);
        } catch (IOException e) {
            out.println("Cannot read " + requestFile + ": " + e.getMessage());
            return CheckCommand.USAGE;
        }
        if (request == null) {
            return CheckCommand.REFUSED;
        }
        Ruleset ruleset;
        try {
            ruleset = new RulesetCompiler().compile(folder);
        } catch (RulesetBuildException e) {
            out.println("The rules folder " + folder.toAbsolutePath().normalize() + " does not compile:");
            for (RulesetProblem problem : e.problems()) {
                out.println("  [" + problem.check().code() + "] " + problem);
            }
            return CheckCommand.REFUSED;
        }
        Recommendation answer = new Evaluator().evaluate(request, ruleset, Evaluator.Explanation.WHY_NOT);
        if (asJson) {
            try {
                out.println(StrictJson.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            } catch (IOException e) {
                throw new IllegalStateException("the answer could not be written as JSON", e);
            }
        } else {
            print(requestFile, ruleset, answer, out);
        }
        return CheckCommand.READY;
    }

    /** The request, read and checked as the service reads and checks a body; {@code null} when refused (said why). */
    private static EvaluationRequest read(Path file, PrintStream out) throws IOException {
        ObjectMapper json = StrictJson.newMapper();
        EvaluationRequest request;
        try {
            request = json.readValue(Files.readAllBytes(file), EvaluationRequest.class);
        } catch (JacksonException e) {
            FieldError error = JsonReadErrors.describe(e);
            out.println(file + " is not a request the service would take: "
                    + (error.field().isEmpty() ? "" : error.field() + ": ") + error.message());
            return null;
        }
        if (request == null) {
            out.println(file + " is empty; a request is a JSON object ({} when nothing is known)");
            return null;
        }
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
        List<String> errors = new ArrayList<>();
        for (ConstraintViolation<EvaluationRequest> violation : validator.validate(request)) {
            errors.add(FieldPaths.of(violation) + ": " + violation.getMessage());
        }
        if (!errors.isEmpty()) {
            errors.sort(null);
            out.println(file + " is not a request the service would take:");
            errors.forEach(error -> out.println("  " + error));
            return null;
        }
        return request;
    }

    private static void print(Path requestFile, Ruleset ruleset, Recommendation answer, PrintStream out) {
        out.println("Explaining " + requestFile + " on " + ruleset.version());
        out.println();
        out.println("Causes:" + (answer.causes().isEmpty() ? " none" : ""));
        for (Recommendation.Cause cause : answer.causes()) {
            out.println("  " + cause.code() + " (" + cause.certainty().code() + "): " + String.join("; ", cause.findings()));
            out.println("      rules: " + String.join(", ", cause.rules()));
        }
        out.println("Advice:" + (answer.advice().isEmpty() ? " none" : ""));
        for (Recommendation.Advice advice : answer.advice()) {
            out.println("  " + advice.code() + " because " + String.join(", ", advice.because()));
        }
        if (!answer.withheld().isEmpty()) {
            out.println("Withheld:");
            answer.withheld().forEach(w -> out.println("  " + w.code() + " because " + String.join(", ", w.because())));
        }
        if (!answer.unrecognized().isEmpty()) {
            out.println("Unrecognized:");
            answer.unrecognized().forEach(u -> out.println("  " + u.field() + ": " + u.value()));
        }
        out.println();
        out.println("Why not:" + (answer.whyNot().isEmpty() ? " every cause was concluded" : ""));
        for (WhyNot cause : answer.whyNot()) {
            out.println("  " + cause.cause());
            for (WhyNot.RuleWhyNot rule : cause.rules()) {
                out.println("    [" + rule.kind() + "] \"" + rule.rule() + "\" (" + rule.file() + ":" + rule.line() + ")");
                out.println("        " + rule.condition());
                out.println("        " + rule.text() + (rule.facts().isEmpty() ? "" : "  (facts " + rule.facts() + ")"));
            }
        }
        out.println();
        out.println("Missing inputs:" + (answer.missingInputs().isEmpty() ? " none" : ""));
        for (MissingInput input : answer.missingInputs()) {
            out.println("  " + input.input() + " (" + input.label() + ")"
                    + (input.couldConclude().isEmpty() ? "" : ": could conclude " + String.join(", ", input.couldConclude()))
                    + (input.couldAdvise().isEmpty() ? "" : "; could advise " + String.join(", ", input.couldAdvise()))
                    + (input.couldWithhold().isEmpty() ? "" : "; could withhold " + String.join(", ", input.couldWithhold())));
            out.println("      rules: " + String.join(", ", input.rules()));
        }
    }
}
