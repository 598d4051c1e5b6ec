package org.crampadvisor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.audit.AuditQuery;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.audit.Cursors;
import org.crampadvisor.audit.Pseudonyms;
import org.crampadvisor.replay.Replayer;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.EvaluationService;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.CauseCode;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Evaluations: requesters post facts and get a traced recommendation, recorded before it is answered;
 * auditors read, list and replay the recorded evaluations.
 */
@Path("/api/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {

    // Anchored although Bean Validation matches whole values: the OpenAPI document publishes these
    // patterns, and JSON Schema patterns match anywhere in a value.
    static final String PATIENT_ID_PATTERN = "^[A-Za-z0-9._-]{1,64}$";
    static final String VERSION_PATTERN = "^sha256:[0-9a-f]{64}$";
    static final String RULE_NAME_PATTERN = "^[\\s\\S]*\\S[\\s\\S]*$";
    static final String EVALUATION_ID_PATTERN =
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    static final String EVALUATION_ID_MESSAGE = "must be an evaluation id (a UUID)";
    private static final String LIMIT_MESSAGE = "must be a whole number from 1 to " + AuditQuery.MAX_LIMIT;

    /**
     * A stored evaluation; {@code request} and {@code response} are the JSON kept in the log, {@code origin}
     * where it came from when not from this API (absent otherwise).
     */
    public record EvaluationRecord(String evaluationId, Instant evaluatedAt, String principal, String rulesetVersion,
                                   long durationMicros,
                                   @Schema(implementation = EvaluationRequest.class,
                                           description = "the request as received, patient.id replaced by its pseudonym")
                                   @JsonRawValue String request,
                                   @Schema(implementation = Recommendation.class, description = "the answer exactly as sent")
                                   @JsonRawValue String response,
                                   @Schema(implementation = Origin.class, description = "where the evaluation came from, "
                                           + "when not from this API (CDS Hooks); absent otherwise")
                                   @JsonRawValue @JsonInclude(JsonInclude.Include.NON_NULL) String origin) {

        static EvaluationRecord of(AuditRepository.StoredEvaluation stored) {
            return new EvaluationRecord(stored.evaluationId().toString(), stored.evaluatedAt(), stored.principal(),
                    stored.rulesetVersion(), stored.durationMicros(), stored.requestJson(), stored.responseJson(),
                    stored.originJson());
        }
    }

    /** Where an evaluation came from when another interface than this API asked for it. */
    public record Origin(@Schema(description = "the interface", example = "cds-hooks") String kind,
                         @Schema(description = "the CDS Hooks service called", example = "leg-cramp-causes") String service,
                         @Schema(description = "the hook", example = "patient-view") String hook,
                         @Schema(description = "the EHR's id of this hook call") String hookInstance,
                         @Schema(description = "the cards answered for this evaluation") List<OriginCard> cards) {
    }

    /** A CDS Hooks card as answered: feedback names its uuid, and is filed under its rules. */
    public record OriginCard(String uuid, String summary,
                             @Schema(enumeration = {"info", "warning", "critical"}) String indicator,
                             List<String> rules) {
    }

    public record EvaluationPage(List<EvaluationRecord> items,
                                 @Schema(nullable = true, description = "pass as cursor for the next page; null on the last page")
                                 String nextCursor) {
    }

    /** The request of SPEC section 3: the example a client (and Swagger UI's "Try it out") starts from. */
    static final String SPEC_EXAMPLE = """
            {
              "patient": {"id": "p-123", "age": 67, "sex": "female"},
              "cramps": {"severity": "severe", "episodesPerWeek": 4, "durationWeeks": 6, "nocturnal": true},
              "labs": [{"analyte": "potassium", "value": 3.1, "unit": "mmol/L"},
                       {"analyte": "magnesium", "value": 1.4, "unit": "mg/dL"}],
              "hydration": {"fluidIntakeLitresPerDay": 1.0, "heavySweating": true, "dehydrationSigns": false},
              "diet": {"lowIn": ["magnesium"]},
              "activity": {"intensity": "intense", "warmsUp": false, "stretches": true,
                           "restDaysPerWeek": 0, "standingHoursPerDay": 2, "repetitiveStrain": false},
              "conditions": ["hypertension", "Parkinson's disease"],
              "medications": [{"name": "Lasix"}],
              "substances": {"alcoholUnitsPerWeek": 10, "caffeineMgPerDay": 300, "herbalSupplements": ["licorice root"]},
              "symptoms": ["tremor"]
            }""";
    static final String EXAMPLE_ID = "01a2155e-c65d-7ce9-a876-415eaca45068";
    static final String ARCHIVE_UNAVAILABLE = "The ruleset version that made this decision cannot be rebuilt from the "
            + "audit log's archive (missing, altered, or no longer compiling); detail names the version and why";
    private static final String EXAMPLE_VERSION = "sha256:2c2a0cc586a7f022622e63886f159cac95e4d0246db3c902786e08e26b3b09a6";

    private final EvaluationService evaluations;
    private final SecurityIdentity identity;
    private final AuditRepository repository;
    private final Pseudonyms pseudonyms;
    private final Replayer replayer;
    private final Cursors cursors;

    EvaluationResource(EvaluationService evaluations, SecurityIdentity identity, AuditRepository repository,
                       Pseudonyms pseudonyms, Replayer replayer, Cursors cursors) {
        this.cursors = cursors;
        this.evaluations = evaluations;
        this.identity = identity;
        this.repository = repository;
        this.pseudonyms = pseudonyms;
        this.replayer = replayer;
    }

    @POST
    @RolesAllowed(Roles.REQUESTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate what is known about a patient, record it in the audit log, and return a traced recommendation")
    @RequestBody(required = true, description = "What is known about the patient; every section is optional, {} is valid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EvaluationRequest.class),
                    examples = @ExampleObject(name = "spec-example", summary = "A patient with cramps after exercise: the example of docs/api.md",
                            value = SPEC_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The traced recommendation with the inputs the rules could still use "
            + "(missingInputs) and, with explain=why-not, why each absent cause is absent (whyNot); recorded in the audit log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recommendation.class)))
    @APIResponse(responseCode = "503", description = "The evaluation could not be recorded in the audit log, so it is not "
            + "answered; Retry-After says when to try again")
    public Response evaluate(@QueryParam(ExplainParameter.NAME) @Parameter(description = ExplainParameter.DESCRIPTION,
            example = ExplainParameter.WHY_NOT, schema = @Schema(enumeration = ExplainParameter.WHY_NOT)) String explain,
                             @Context UriInfo uri, @Valid EvaluationRequest request) {
        if (request == null) {
            throw InvalidRequestException.emptyBody();
        }
        // Read from the query as sent: an empty or repeated explain is refused, not taken for "no explanation".
        Evaluator.Explanation explanation = ExplainParameter.parse(uri.getQueryParameters().get(ExplainParameter.NAME));
        // The JSON the audit log kept, byte for byte.
        return Response.ok(evaluations.evaluate(request, identity.getPrincipal().getName(), explanation).json(),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "One stored evaluation: request (patient id pseudonymised), response, who, when, which rules")
    public EvaluationRecord get(@Parameter(example = EXAMPLE_ID) @PathParam("id")
                                @jakarta.validation.constraints.Pattern(regexp = EVALUATION_ID_PATTERN, message = EVALUATION_ID_MESSAGE)
                                String id) throws SQLException {
        return repository.find(parseId(id)).map(EvaluationRecord::of)
                .orElseThrow(() -> new NotFoundException("no evaluation " + id));
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Stored evaluations, newest first, filtered by rule, cause, advice, ruleset version, patient and time")
    public EvaluationPage list(
            @Parameter(description = "the name of a rule that fired", example = "Low serum potassium")
            @QueryParam("rule") @Size(max = 300, message = "must be a rule name of 1 to 300 characters")
            @jakarta.validation.constraints.Pattern(regexp = RULE_NAME_PATTERN, message = "must be a rule name of 1 to 300 characters")
            String rule,
            @Parameter(description = "a cause the answer found") @QueryParam("cause") CauseCode cause,
            @Parameter(description = "advice the answer gave") @QueryParam("advice") AdviceCode advice,
            @Parameter(description = "the ruleset version that answered", example = EXAMPLE_VERSION)
            @QueryParam("rulesetVersion")
            @jakarta.validation.constraints.Pattern(regexp = VERSION_PATTERN, message = "must be sha256: followed by 64 lower-case hex digits")
            String rulesetVersion,
            @Parameter(description = "the patient id as sent (it is pseudonymised the same way before the search)",
                    example = "p-123")
            @QueryParam("patientId")
            @jakarta.validation.constraints.Pattern(regexp = PATIENT_ID_PATTERN, message = "must be 1 to 64 letters, digits, '.', '_' or '-'")
            String patientId,
            @Parameter(description = "evaluated at or after (ISO-8601 with offset)", example = "2026-11-19T00:00:00Z")
            @QueryParam("from") OffsetDateTime from,
            @Parameter(description = "evaluated before (ISO-8601 with offset)", example = "2026-11-26T00:00:00Z")
            @QueryParam("to") OffsetDateTime to,
            @Parameter(description = "records per page (default 50)", example = "20")
            @QueryParam("limit") @Min(value = 1, message = LIMIT_MESSAGE) @Max(value = AuditQuery.MAX_LIMIT, message = LIMIT_MESSAGE)
            Integer limit,
            @Parameter(description = "nextCursor of the previous page, exactly as given; only the service issues cursors")
            @QueryParam("cursor") String cursor) throws SQLException {
        int pageSize = limit == null ? AuditQuery.DEFAULT_LIMIT : limit;
        AuditQuery.Position after = null;
        if (cursor != null) {
            after = cursors.decode(Cursors.Listing.EVALUATIONS, cursor).orElseThrow(InvalidRequestException::unknownCursor);
        }
        AuditQuery query = new AuditQuery(rule, cause == null ? null : cause.name(), advice == null ? null : advice.name(),
                rulesetVersion, patientId == null ? null : pseudonyms.of(patientId),
                from == null ? null : from.toInstant(), to == null ? null : to.toInstant(), pageSize, after);
        List<AuditRepository.StoredEvaluation> rows = repository.list(query);
        boolean more = rows.size() > pageSize;
        List<AuditRepository.StoredEvaluation> page = more ? rows.subList(0, pageSize) : rows;
        String next = null;
        if (more) {
            AuditRepository.StoredEvaluation last = page.get(page.size() - 1);
            next = cursors.encode(Cursors.Listing.EVALUATIONS, new AuditQuery.Position(last.evaluatedAt(), last.evaluationId()));
        }
        return new EvaluationPage(page.stream().map(EvaluationRecord::of).toList(), next);
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Re-evaluate the stored facts on the original and the active ruleset; both answers and their difference")
    @APIResponse(responseCode = "200", description = "The answers of the original and the active ruleset and their difference",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Replayer.Replay.class)))
    @APIResponse(responseCode = "409", description = ARCHIVE_UNAVAILABLE)
    public Replayer.Replay replay(@Parameter(example = EXAMPLE_ID) @PathParam("id")
                                  @jakarta.validation.constraints.Pattern(regexp = EVALUATION_ID_PATTERN, message = EVALUATION_ID_MESSAGE)
                                  String id) throws SQLException, IOException {
        return replayer.replay(parseId(id)).orElseThrow(() -> new NotFoundException("no evaluation " + id));
    }

    /** An id its {@code @Pattern} has already checked. */
    private static UUID parseId(String id) {
        return UUID.fromString(id);
    }
}
