package org.crampadvisor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.config.AdvisorConfig;
import org.crampadvisor.engine.RulesetProblem;
import org.crampadvisor.evaluation.FieldError;
import org.crampadvisor.impact.ImpactJob;
import org.crampadvisor.impact.ImpactJobs;
import org.crampadvisor.impact.ImpactPreview;
import org.crampadvisor.impact.ImpactReport;
import org.crampadvisor.impact.ImpactText;
import org.crampadvisor.impact.ImpactWindow;
import org.crampadvisor.lifecycle.GateReport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The impact preview over HTTP (SPEC section 3): what the rules folder on disk would change in the
 * audited decisions, against the active version, without activating it. The candidate is always the
 * folder on the server; rules are never accepted over HTTP.
 */
@Path("/api/v1/ruleset/impact")
@Produces(MediaType.APPLICATION_JSON)
public class ImpactResource {

    /** DELETE waits this long at most for the preview to stop; it stops within a few decisions. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);
    private static final String PATH = "/api/v1/ruleset/impact/";
    private static final String LIMIT_MESSAGE = "must be a whole number from 1 to " + ImpactPreview.MAX_DECISIONS;
    private static final String JOB_ID_MESSAGE = "must be a preview's job id (a UUID), as given in Location";

    /** The body the preview takes: nothing yet, so an empty object or no body at all. */
    @Schema(description = "Options of the preview: none yet, so {} (or no body at all). The candidate is always the "
            + "rules folder on the server; rules are never accepted over HTTP.", maxProperties = 0)
    public record ImpactOptions() {
    }

    /** {@code since} as the OpenAPI document states it: a duration back from now, or an instant. */
    @Schema(name = "ImpactSinceDuration", type = SchemaType.STRING, format = "duration",
            description = "an ISO-8601 duration back from now (RFC 3339 form), e.g. P30D, PT12H, P2W", example = "P30D")
    static final class SinceDuration {
    }

    @Schema(name = "ImpactSinceInstant", type = SchemaType.STRING, format = "date-time",
            description = "an instant with its offset", example = "2026-11-01T00:00:00Z")
    static final class SinceInstant {
    }

    /** A refused rules folder: a problem whose extension members are the gate's, named as in {@code lastReload}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RefusedPreview(String type, String title, int status, String detail, String candidateVersion,
                                 String activeVersion, List<RulesetProblem> errors) {

        static RefusedPreview of(GateReport gate, String activeVersion) {
            int problems = gate.errors().size();
            return new RefusedPreview("about:blank", "Rules folder refused", 422, "the rules folder was refused with "
                    + problems + (problems == 1 ? " problem" : " problems") + ", so nothing was compared; "
                    + activeVersion + " keeps serving", gate.candidateVersion(), activeVersion, gate.errors());
        }
    }

    private final ImpactJobs jobs;
    /** A preview done by then is answered at once (200); a longer one runs on in the background (202). */
    private final Duration answerWithin;
    private final Clock clock = Clock.systemUTC();

    ImpactResource(ImpactJobs jobs, AdvisorConfig config) {
        this.jobs = jobs;
        this.answerWithin = config.impact().answerWithin();
    }

    @POST
    @RolesAllowed(Roles.RULE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview which audited decisions the rules folder on disk would change, without activating it",
            description = "Checks the rules folder with the reload gate (a refused folder: 422 with its problems), then "
                    + "re-evaluates the stored facts of the audited decisions of the window, newest first, on the folder "
                    + "and on the active version, and compares their conclusions (causes and certainty, advice, withheld "
                    + "advice; not which rules fired). 200 with the report when the comparison is done within 2 s "
                    + "(advisor.impact.answer-within); otherwise 202, and the "
                    + "preview runs on: GET its Location for progress and the report, DELETE it to cancel. One preview "
                    + "at a time (409 names the running one in Location).")
    @RequestBody(required = false, description = "{} or no body",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImpactOptions.class)))
    @APIResponse(responseCode = "200", description = "The preview, done within 2 s",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImpactReport.class)))
    @APIResponse(responseCode = "202", description = "The preview runs in the background; GET Location for its progress "
            + "and, once done, its report",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/v1/ruleset/impact/{jobId}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImpactJob.View.class)))
    @APIResponse(responseCode = "409", description = "Another preview is running; Location names it",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/v1/ruleset/impact/{jobId} of the running preview",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "The rules folder is refused by its checks; nothing was compared",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = RefusedPreview.class)))
    public Response preview(
            @Parameter(description = "the window: decisions evaluated at or after this, newest first; a duration back from "
                    + "now or an instant (default P30D)", schema = @Schema(anyOf = {SinceDuration.class, SinceInstant.class}))
            @QueryParam("since") String since,
            @Parameter(description = "the most decisions compared, newest first (default and most: 100000)", example = "10000")
            @QueryParam("limit") @Min(value = 1, message = LIMIT_MESSAGE) @Max(value = ImpactPreview.MAX_DECISIONS,
                    message = LIMIT_MESSAGE) Integer limit,
            ImpactOptions options) throws InterruptedException {
        Instant windowStart;
        try {
            windowStart = since == null ? ImpactWindow.defaultSince(clock) : ImpactWindow.since(since, clock);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid query parameter since", List.of(new FieldError("since", e.getMessage())));
        }
        ImpactJobs.Started started = jobs.start(windowStart, limit == null ? ImpactPreview.MAX_DECISIONS : limit);
        if (started instanceof ImpactJobs.Busy busy) {
            return Response.fromResponse(Problem.response(409, "Conflict", "another impact preview is running ("
                    + PATH + busy.running().id() + "); wait for it to end, or cancel it with DELETE", null))
                    .header(HttpHeaders.LOCATION, PATH + busy.running().id()).build();
        }
        if (started instanceof ImpactJobs.Refused refused) {
            return Response.status(422).type(Problem.PROBLEM_JSON)
                    .entity(RefusedPreview.of(refused.gate(), refused.activeVersion())).build();
        }
        ImpactJob job = ((ImpactJobs.Accepted) started).job();
        // The folder's check is not counted: like a reload, it is answered for, whatever it takes.
        if (!answerWithin.isZero() && !answerWithin.isNegative() && job.awaitEnd(answerWithin) && job.status() == ImpactJob.Status.DONE) {
            return Response.ok(job.report(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.accepted(job.view()).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.LOCATION, PATH + job.id()).build();
    }

    @GET
    @Path("/{jobId}")
    @RolesAllowed(Roles.RULE_ADMIN)
    @Operation(summary = "A preview's progress (compared of total) and, once done, its report",
            description = "As JSON; with Accept: text/plain, the same in plain words. 202 while the preview runs (poll "
                    + "again), 200 once it has ended (done, failed or cancelled).")
    @APIResponse(responseCode = "200", description = "The preview has ended: done (with its report), failed or cancelled",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImpactJob.View.class)),
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "202", description = "The preview is still running: compared of total so far",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImpactJob.View.class)),
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))})
    public Response job(@Parameter(description = "as given in Location") @PathParam("jobId")
                        @Pattern(regexp = EvaluationResource.EVALUATION_ID_PATTERN, message = JOB_ID_MESSAGE)
                        String jobId) {
        ImpactJob.View view = find(jobId).view();
        return Response.status(statusOf(view)).entity(view).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/{jobId}")
    @RolesAllowed(Roles.RULE_ADMIN)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response jobAsText(@PathParam("jobId") @Pattern(regexp = EvaluationResource.EVALUATION_ID_PATTERN,
            message = JOB_ID_MESSAGE) String jobId) {
        ImpactJob.View view = find(jobId).view();
        return Response.status(statusOf(view)).entity(asText(view)).type(MediaType.TEXT_PLAIN_TYPE).build();
    }

    /** Like the POST that started it: 202 while it runs, so that a client polls while it sees 202. */
    private static int statusOf(ImpactJob.View view) {
        return view.status() == ImpactJob.Status.RUNNING ? 202 : 200;
    }

    private static String asText(ImpactJob.View view) {
        return switch (view.status()) {
            case DONE -> ImpactText.of(view.report());
            case RUNNING -> String.format(Locale.ROOT, "Running: %,d of %s decisions compared%n", view.compared(),
                    view.total() == null ? "(counting)" : String.format(Locale.ROOT, "%,d", view.total()));
            case CANCELLED -> "Cancelled after " + view.compared() + " decisions\n";
            case FAILED -> "Failed: " + view.detail() + "\n";
        };
    }

    @DELETE
    @Path("/{jobId}")
    @RolesAllowed(Roles.RULE_ADMIN)
    @Operation(summary = "Cancel a running preview; answers once it has stopped",
            description = "A preview that has already ended keeps its outcome.")
    @APIResponse(responseCode = "200", description = "The preview, cancelled (or as it ended before)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImpactJob.View.class)))
    public ImpactJob.View cancel(@Parameter(description = "as given in Location") @PathParam("jobId")
                                 @Pattern(regexp = EvaluationResource.EVALUATION_ID_PATTERN, message = JOB_ID_MESSAGE)
                                 String jobId) throws InterruptedException {
        ImpactJob job = jobs.cancel(UUID.fromString(jobId)).orElseThrow(() -> notFound(jobId));
        job.awaitEnd(CANCEL_WAIT);
        return job.view();
    }

    private ImpactJob find(String jobId) {
        return jobs.find(UUID.fromString(jobId)).orElseThrow(() -> notFound(jobId));
    }

    private static NotFoundException notFound(String jobId) {
        return new NotFoundException("no impact preview " + jobId + "; the last " + ImpactJobs.JOBS_KEPT + " are kept");
    }
}
