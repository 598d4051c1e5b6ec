package org.crampadvisor.console;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.crampadvisor.api.Roles;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.RuleCoverage;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.EvaluationService;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.FieldError;
import org.crampadvisor.evaluation.FieldPaths;
import org.crampadvisor.evaluation.JsonReadErrors;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.scenario.ScenarioWriter;
import org.jboss.resteasy.reactive.RestQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The requester's page: what is known about a patient, as a form or as the raw JSON of the API, evaluated
 * exactly as {@code POST /api/v1/evaluations} evaluates it (the same strict reader, the same checks,
 * recorded in the audit log), with the answer, the equivalent curl command, and the API's field errors
 * beside the fields they concern.
 */
@Path("/console/evaluate")
public class EvaluatePage {

    static final int SCENARIO_NAME_MAX = 200;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance evaluate(Chrome chrome, String tab, EvaluateForm form, String json,
                                                List<FieldError> jsonErrors, List<RuleCoverage.ScenarioPatient> examples,
                                                String chosenExample, AnswerView answer, String curl);
    }

    private final ConsolePages pages;
    private final EvaluationService evaluations;
    private final ObjectMapper json;
    private final Validator validator;
    private final ActiveRuleset activeRuleset;
    private final Evaluator scenarioEvaluator = new Evaluator();

    EvaluatePage(ConsolePages pages, EvaluationService evaluations, ObjectMapper json, Validator validator,
                 ActiveRuleset activeRuleset) {
        this.pages = pages;
        this.evaluations = evaluations;
        this.json = json;
        this.validator = validator;
        this.activeRuleset = activeRuleset;
    }

    /**
     * The form, empty or holding an example patient: the patient of one of the scenarios the active ruleset
     * passed, so that the examples are the clinicians' own, kept in {@code rules/scenarios/} and always true
     * of the rules answering.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@RestQuery String tab, @RestQuery String example) {
        if (!pages.hasRole(Roles.REQUESTER)) {
            return ConsoleErrors.forbidden(pages, "Only a requester may evaluate patient facts.");
        }
        String shownTab = "json".equals(tab) ? "json" : "form";
        RuleCoverage.ScenarioPatient chosen = examples().stream().filter(e -> e.file().equals(example)).findFirst()
                .orElse(null);
        if (example != null && !example.isBlank() && chosen == null) {
            return ConsoleErrors.notFound(pages, "No scenario of the active ruleset is in that file (it may have been "
                    + "renamed or removed); choose an example patient on the Evaluate page.");
        }
        if (chosen == null) {
            return Response.ok(render(shownTab, EvaluateForm.empty(), "{}", List.of(), null, null)).build();
        }
        JsonNode request = tree(chosen.requestJson());
        return Response.ok(render(shownTab, EvaluateForm.from(request), request.toPrettyString(), chosen.file(),
                List.of(), null, null)).build();
    }

    private List<RuleCoverage.ScenarioPatient> examples() {
        return activeRuleset.get().coverage().patients();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response evaluateForm(MultivaluedMap<String, String> fields, RoutingContext context, UriInfo uri) {
        Response refused = refuse(context, fields.getFirst(ConsoleCsrf.FIELD));
        if (refused != null) {
            return refused;
        }
        EvaluateForm form = EvaluateForm.of(fields);
        ObjectNode request = form.toJson();
        String requestJson = request.toPrettyString();
        if (form.hasErrors()) {
            return Response.status(400).entity(render("form", form, requestJson, List.of(), null, null)).build();
        }
        List<FieldError> errors = new ArrayList<>();
        EvaluationRequest parsed = read(request.toString(), errors);
        if (!errors.isEmpty()) {
            form.addErrors(errors);
            return Response.status(400).entity(render("form", form, requestJson, List.of(), null, null)).build();
        }
        AnswerView answer = AnswerView.of(tree(evaluations.evaluate(parsed, pages.user()).json()));
        return Response.ok(render("form", form, requestJson, List.of(), answer, curl(uri, request))).build();
    }

    @POST
    @Path("/json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response evaluateJson(MultivaluedMap<String, String> fields, RoutingContext context, UriInfo uri) {
        Response refused = refuse(context, fields.getFirst(ConsoleCsrf.FIELD));
        if (refused != null) {
            return refused;
        }
        String body = fields.getFirst("json") == null ? "" : fields.getFirst("json");
        List<FieldError> errors = new ArrayList<>();
        EvaluationRequest parsed = body.isBlank() ? null : read(body, errors);
        if (body.isBlank()) {
            errors.add(new FieldError("", "the request is empty; send {} for a patient of whom nothing is known"));
        }
        if (!errors.isEmpty()) {
            return Response.status(400).entity(render("json", EvaluateForm.empty(), body, errors, null, null)).build();
        }
        AnswerView answer = AnswerView.of(tree(evaluations.evaluate(parsed, pages.user()).json()));
        return Response.ok(render("json", EvaluateForm.from(tree(body)), body, List.of(), answer, curl(uri, tree(body))))
                .build();
    }

    /**
     * The facts just tried, as a scenario file to download: the answer of the active rules becomes what the
     * scenario expects. Evaluated again, not recorded: writing a scenario is authoring, not a decision.
     */
    @POST
    @Path("/scenario")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveAsScenario(MultivaluedMap<String, String> fields, RoutingContext context) {
        Response refused = refuse(context, fields.getFirst(ConsoleCsrf.FIELD));
        if (refused != null) {
            return refused;
        }
        String name = fields.getFirst("name") == null ? "" : fields.getFirst("name").strip();
        if (name.isEmpty() || name.length() > SCENARIO_NAME_MAX || name.chars().anyMatch(Character::isISOControl)) {
            return ConsoleErrors.page(pages, 400, "Scenario not saved", "Give the scenario a name of 1 to "
                    + SCENARIO_NAME_MAX + " characters on one line: what the patient shows and what the rules should do.");
        }
        String body = fields.getFirst("json") == null ? "" : fields.getFirst("json");
        List<FieldError> errors = new ArrayList<>();
        EvaluationRequest request = body.isBlank() ? null : read(body, errors);
        if (request == null) {
            return ConsoleErrors.page(pages, 400, "Scenario not saved", "These facts are not a request the service "
                    + "accepts, so they cannot become a scenario; evaluate them first and save the answer.");
        }
        Ruleset ruleset = activeRuleset.get();
        Recommendation answer = scenarioEvaluator.evaluate(request, ruleset);
        String yaml = ScenarioWriter.write(name, request, answer, List.of(
                "Saved from the cramp-advisor console by " + pages.user() + " at " + Instant.now().truncatedTo(ChronoUnit.SECONDS),
                "What it expects is the answer of ruleset " + ruleset.version() + ".",
                "Check every expectation with a clinician before adding this file to rules/scenarios/."));
        return Response.ok(yaml, "application/yaml; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName(name) + "\"").build();
    }

    /** A file name from the scenario's name: lower case words joined by hyphens. */
    static String fileName(String scenarioName) {
        String slug = scenarioName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        return (slug.isEmpty() ? "scenario" : slug) + ".yaml";
    }

    private Response refuse(RoutingContext context, String csrfToken) {
        if (!ConsoleCsrf.accept(context, csrfToken)) {
            return ConsoleErrors.csrfRefused(pages);
        }
        if (!pages.hasRole(Roles.REQUESTER)) {
            return ConsoleErrors.forbidden(pages, "Only a requester may evaluate patient facts.");
        }
        return null;
    }

    /** The API's reading of a request: its strict JSON reader, then its Bean Validation checks. */
    private EvaluationRequest read(String body, List<FieldError> errors) {
        EvaluationRequest request;
        try {
            request = json.readValue(body, EvaluationRequest.class);
        } catch (JacksonException e) {
            errors.add(JsonReadErrors.describe(e));
            return null;
        }
        if (request == null) {
            errors.add(new FieldError("", "the request must be a JSON object; send {} for a patient of whom nothing is known"));
            return null;
        }
        for (ConstraintViolation<EvaluationRequest> violation : validator.validate(request)) {
            errors.add(new FieldError(FieldPaths.of(violation), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors.isEmpty() ? request : null;
    }

    private TemplateInstance render(String tab, EvaluateForm form, String requestJson, List<FieldError> jsonErrors,
                                    AnswerView answer, String curl) {
        return render(tab, form, requestJson, null, jsonErrors, answer, curl);
    }

    private TemplateInstance render(String tab, EvaluateForm form, String requestJson, String chosenExample,
                                    List<FieldError> jsonErrors, AnswerView answer, String curl) {
        return Templates.evaluate(pages.chrome(ConsolePages.Page.EVALUATE, "Evaluate"), tab, form, requestJson, jsonErrors,
                examples(), chosenExample, answer, curl);
    }

    /** The same request for an integrator, with the password left for them to fill in. */
    private String curl(UriInfo uri, JsonNode request) {
        String body = request.toString().replace("'", "'\\''");
        String base = uri.getBaseUri().toString().replaceAll("/$", "");
        return "curl -s -u " + pages.user() + ":\"$PASSWORD\" -H 'Content-Type: application/json' \\\n  -d '" + body
                + "' \\\n  " + base + "/api/v1/evaluations";
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
