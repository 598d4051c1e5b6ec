package org.crampadvisor.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.crampadvisor.audit.AuditQuery;
import org.crampadvisor.audit.Cursors;
import org.crampadvisor.audit.Feedback;
import org.crampadvisor.audit.FeedbackLog;
import org.crampadvisor.audit.FeedbackQuery;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * CDS Hooks card feedback for auditors (SPEC section 8): what clinicians did with the cards, newest first,
 * filtered by a rule behind the card and by outcome, so that the rules clinicians override, and why, show.
 */
@Path("/api/v1/feedback")
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {

    private static final String LIMIT_MESSAGE = "must be a whole number from 1 to " + FeedbackQuery.MAX_LIMIT;

    /** What clinicians may do with a card. */
    public enum Outcome {
        accepted, overridden
    }

    /** One feedback entry, as the CDS Client sent it, with the evaluation and rules behind the card. */
    public record FeedbackItem(
            @Schema(description = "the card's uuid") String card,
            @Schema(description = "the CDS service that answered the card", example = "leg-cramp-causes") String service,
            @Schema(description = "the evaluation that produced the card; GET /api/v1/evaluations/{id}") String evaluationId,
            @Schema(enumeration = {"accepted", "overridden"}) String outcome,
            @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, nullable = true,
                    additionalProperties = Schema.True.class,
                    description = "the override reason as the EHR sent it (reason, a Coding, and userComment); null when none")
            @JsonRawValue String overrideReason,
            @Schema(description = "when the clinician acted, as the EHR says") Instant outcomeTimestamp,
            @Schema(description = "when the service received it; the listing order") Instant receivedAt,
            @Schema(description = "the rules behind the card") List<String> rules) {

        static FeedbackItem of(Feedback feedback) {
            return new FeedbackItem(feedback.card(), feedback.service(), feedback.evaluationId().toString(),
                    feedback.outcome(), feedback.overrideReasonJson(), feedback.outcomeTimestamp(), feedback.receivedAt(),
                    feedback.rules());
        }
    }

    public record FeedbackPage(List<FeedbackItem> items,
                               @Schema(nullable = true, description = "pass as cursor for the next page; null on the last page")
                               String nextCursor) {
    }

    private final FeedbackLog feedbackLog;
    private final Cursors cursors;

    FeedbackResource(FeedbackLog feedbackLog, Cursors cursors) {
        this.feedbackLog = feedbackLog;
        this.cursors = cursors;
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "CDS Hooks card feedback, newest first, filtered by a rule behind the card, outcome and time")
    public FeedbackPage list(
            @Parameter(description = "the name of a rule behind the card", example = "Low serum potassium")
            @QueryParam("rule") @Size(max = 300, message = "must be a rule name of 1 to 300 characters")
            @jakarta.validation.constraints.Pattern(regexp = EvaluationResource.RULE_NAME_PATTERN,
                    message = "must be a rule name of 1 to 300 characters")
            String rule,
            @Parameter(description = "what the clinician did") @QueryParam("outcome") Outcome outcome,
            @Parameter(description = "received at or after (ISO-8601 with offset)", example = "2026-11-19T00:00:00Z")
            @QueryParam("from") OffsetDateTime from,
            @Parameter(description = "received before (ISO-8601 with offset)", example = "2026-11-26T00:00:00Z")
            @QueryParam("to") OffsetDateTime to,
            @Parameter(description = "entries per page (default 50)", example = "20")
            @QueryParam("limit") @Min(value = 1, message = LIMIT_MESSAGE) @Max(value = FeedbackQuery.MAX_LIMIT, message = LIMIT_MESSAGE)
            Integer limit,
            @Parameter(description = "nextCursor of the previous page, exactly as given; only the service issues cursors")
            @QueryParam("cursor") String cursor) {
        int pageSize = limit == null ? AuditQuery.DEFAULT_LIMIT : limit;
        AuditQuery.Position after = null;
        if (cursor != null) {
            after = cursors.decode(Cursors.Listing.FEEDBACK, cursor).orElseThrow(InvalidRequestException::unknownCursor);
        }
        List<Feedback> rows = feedbackLog.list(new FeedbackQuery(rule, outcome == null ? null : outcome.name(),
                from == null ? null : from.toInstant(), to == null ? null : to.toInstant(), pageSize, after));
        boolean more = rows.size() > pageSize;
        List<Feedback> page = more ? rows.subList(0, pageSize) : rows;
        String next = null;
        if (more) {
            Feedback last = page.get(page.size() - 1);
            next = cursors.encode(Cursors.Listing.FEEDBACK, new AuditQuery.Position(last.receivedAt(), last.feedbackId()));
        }
        return new FeedbackPage(page.stream().map(FeedbackItem::of).toList(), next);
    }
}
