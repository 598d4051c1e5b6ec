package org.crampadvisor.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import org.crampadvisor.audit.Cursor;
import org.crampadvisor.audit.Pseudonyms;
import org.crampadvisor.replay.Replayer;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.EvaluationService;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.FieldError;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.CauseCode;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Evaluations: requesters post facts and get a traced recommendation, recorded before it is answered;
 * auditors read, list and replay the recorded evaluations.
 */
@Path("/api/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {

    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern VERSION = Pattern.compile("sha256:[0-9a-f]{64}");

    /** A stored evaluation; {@code request} and {@code response} are the JSON kept in the log. */
    public record EvaluationRecord(String evaluationId, Instant evaluatedAt, String principal, String rulesetVersion,
                                   long durationMicros, @JsonRawValue String request, @JsonRawValue String response) {

        static EvaluationRecord of(AuditRepository.StoredEvaluation stored) {
            return new EvaluationRecord(stored.evaluationId().toString(), stored.evaluatedAt(), stored.principal(),
                    stored.rulesetVersion(), stored.durationMicros(), stored.requestJson(), stored.responseJson());
        }
    }

    public record EvaluationPage(List<EvaluationRecord> items, String nextCursor) {
    }

    private final EvaluationService evaluations;
    private final SecurityIdentity identity;
    private final AuditRepository repository;
    private final Pseudonyms pseudonyms;
    private final Replayer replayer;

    EvaluationResource(EvaluationService evaluations, SecurityIdentity identity, AuditRepository repository,
                       Pseudonyms pseudonyms, Replayer replayer) {
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
    @APIResponse(responseCode = "200", description = "The traced recommendation with the inputs the rules could still use "
            + "(missingInputs) and, with explain=why-not, why each absent cause is absent (whyNot); recorded in the audit log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recommendation.class)))
    public Response evaluate(@QueryParam(ExplainParameter.NAME) @Parameter(description = ExplainParameter.DESCRIPTION,
            schema = @Schema(enumeration = ExplainParameter.WHY_NOT)) String explain, @Context UriInfo uri,
                             @Valid EvaluationRequest request) {
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
    public EvaluationRecord get(@PathParam("id") String id) throws SQLException {
        return repository.find(parseId(id)).map(EvaluationRecord::of)
                .orElseThrow(() -> new NotFoundException("no evaluation " + id));
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Stored evaluations, newest first, filtered by rule, cause, advice, ruleset version, patient and time")
    public EvaluationPage list(@QueryParam("rule") String rule, @QueryParam("cause") String cause,
                               @QueryParam("advice") String advice, @QueryParam("rulesetVersion") String rulesetVersion,
                               @QueryParam("patientId") String patientId, @QueryParam("from") String from,
                               @QueryParam("to") String to, @QueryParam("limit") String limit,
                               @QueryParam("cursor") String cursor) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        if (cause != null && Arrays.stream(CauseCode.values()).noneMatch(c -> c.name().equals(cause))) {
            errors.add(new FieldError("cause", "use one of " + Arrays.toString(CauseCode.values())));
        }
        if (advice != null && Arrays.stream(AdviceCode.values()).noneMatch(a -> a.name().equals(advice))) {
            errors.add(new FieldError("advice", "use one of " + Arrays.toString(AdviceCode.values())));
        }
        if (rule != null && (rule.isBlank() || rule.length() > 300)) {
            errors.add(new FieldError("rule", "must be a rule name of 1 to 300 characters"));
        }
        if (rulesetVersion != null && !VERSION.matcher(rulesetVersion).matches()) {
            errors.add(new FieldError("rulesetVersion", "must be sha256: followed by 64 lower-case hex digits"));
        }
        if (patientId != null && !PATIENT_ID.matcher(patientId).matches()) {
            errors.add(new FieldError("patientId", "must be 1 to 64 letters, digits, '.', '_' or '-'"));
        }
        Instant fromTime = instant("from", from, errors);
        Instant toTime = instant("to", to, errors);
        int pageSize = limit(limit, errors);
        AuditQuery.Position after = null;
        if (cursor != null) {
            Optional<AuditQuery.Position> position = Cursor.decode(cursor);
            if (position.isEmpty()) {
                errors.add(new FieldError("cursor", "is not a cursor this service issued; use nextCursor as given"));
            } else {
                after = position.get();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("invalid query parameters", errors);
        }
        AuditQuery query = new AuditQuery(rule, cause, advice, rulesetVersion,
                patientId == null ? null : pseudonyms.of(patientId), fromTime, toTime, pageSize, after);
        List<AuditRepository.StoredEvaluation> rows = repository.list(query);
        boolean more = rows.size() > pageSize;
        List<AuditRepository.StoredEvaluation> page = more ? rows.subList(0, pageSize) : rows;
        String next = null;
        if (more) {
            AuditRepository.StoredEvaluation last = page.get(page.size() - 1);
            next = Cursor.encode(new AuditQuery.Position(last.evaluatedAt(), last.evaluationId()));
        }
        return new EvaluationPage(page.stream().map(EvaluationRecord::of).toList(), next);
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Re-evaluate the stored facts on the original and the active ruleset; both answers and their difference")
    public Replayer.Replay replay(@PathParam("id") String id) throws SQLException, IOException {
        return replayer.replay(parseId(id)).orElseThrow(() -> new NotFoundException("no evaluation " + id));
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid evaluation id",
                    List.of(new FieldError("id", "must be an evaluation id (a UUID)")));
        }
    }

    private static Instant instant(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-26T10:00:00Z"));
            return null;
        }
    }

    private static int limit(String value, List<FieldError> errors) {
        if (value == null) {
            return AuditQuery.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= AuditQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + AuditQuery.MAX_LIMIT));
        return AuditQuery.DEFAULT_LIMIT;
    }
}
