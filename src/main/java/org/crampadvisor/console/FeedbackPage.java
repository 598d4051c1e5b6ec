package org.crampadvisor.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.api.Roles;
import org.crampadvisor.audit.AuditQuery;
import org.crampadvisor.audit.Cursors;
import org.crampadvisor.audit.Feedback;
import org.crampadvisor.audit.FeedbackLog;
import org.crampadvisor.audit.FeedbackQuery;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CDS Hooks card feedback for auditors (SPEC section 8): how often the cards behind each rule were accepted
 * or overridden, and each entry with its override reason, linked to the decision that produced the card.
 * Filters in the URL, "load more" on the signed cursor, as on the audit search.
 */
@Path("/console/feedback")
public class FeedbackPage {

    static final int DEFAULT_LIMIT = 20;
    /** Entries the summary by rule counts at most, newest first; it says so when there are more. */
    static final int SUMMARY_MAX = 10_000;

    /** One feedback entry as a row. */
    public record Row(String receivedAt, String outcome, String outcomeTimestamp, String service, String card,
                      List<String> rules, String reason, String comment, String evaluationId, String recordHref) {

        public List<Map.Entry<String, String>> ruleLinks() {
            return rules.stream().map(rule -> Map.entry(rule, Links.rule(rule))).toList();
        }
    }

    public record Rows(List<Row> rows, String moreHref) {
    }

    /** Per rule behind the cards, how many were accepted and overridden. */
    public record RuleCount(String rule, String ruleHref, String overriddenHref, long accepted, long overridden) {
    }

    public record Summary(List<RuleCount> rules, long entries, boolean cut) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance feedback(Chrome chrome, Map<String, String> given, Map<String, String> errors,
                                                Summary summary, Rows page);

        static native TemplateInstance feedback$rows(Rows page);
    }

    private final ConsolePages pages;
    private final FeedbackLog feedbackLog;
    private final Cursors cursors;
    private final ObjectMapper json;

    FeedbackPage(ConsolePages pages, FeedbackLog feedbackLog, Cursors cursors, ObjectMapper json) {
        this.pages = pages;
        this.feedbackLog = feedbackLog;
        this.cursors = cursors;
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@RestQuery String rule, @RestQuery String outcome, @RestQuery String from, @RestQuery String to,
                         @RestQuery String limit, @RestQuery String cursor, @RestHeader("HX-Request") String htmx) {
        if (!pages.hasRole(Roles.AUDITOR)) {
            return ConsoleErrors.forbidden(pages, "Only an auditor may read card feedback.");
        }
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        String ruleName = keep(given, "rule", rule);
        if (ruleName != null && ruleName.length() > 300) {
            errors.put("rule", "must be a rule name of 1 to 300 characters");
        }
        String outcomeName = keep(given, "outcome", outcome);
        if (outcomeName != null && !Feedback.OUTCOMES.contains(outcomeName)) {
            errors.put("outcome", "must be one of " + Feedback.OUTCOMES);
        }
        Instant fromInstant = AuditSearch.instant(errors, "from", keep(given, "from", from));
        Instant toInstant = AuditSearch.instant(errors, "to", keep(given, "to", to));
        int pageSize = DEFAULT_LIMIT;
        String sizeText = keep(given, "limit", limit);
        if (sizeText != null) {
            try {
                pageSize = Integer.parseInt(sizeText);
            } catch (NumberFormatException e) {
                pageSize = -1;
            }
            if (pageSize < 1 || pageSize > FeedbackQuery.MAX_LIMIT) {
                errors.put("limit", "must be a whole number from 1 to " + FeedbackQuery.MAX_LIMIT);
                pageSize = DEFAULT_LIMIT;
            }
        }
        AuditQuery.Position after = null;
        if (cursor != null && !cursor.isBlank()) {
            after = cursors.decode(Cursors.Listing.FEEDBACK, cursor.strip()).orElse(null);
            if (after == null) {
                errors.put("cursor", "is not a cursor this service issued; start again");
            }
        }
        Rows rows = new Rows(List.of(), null);
        Summary summary = new Summary(List.of(), 0, false);
        if (errors.isEmpty()) {
            List<Feedback> found = feedbackLog.list(new FeedbackQuery(ruleName, outcomeName, fromInstant, toInstant, pageSize, after));
            boolean more = found.size() > pageSize;
            List<Feedback> page = more ? found.subList(0, pageSize) : found;
            String moreHref = null;
            if (more) {
                Feedback last = page.get(page.size() - 1);
                Map<String, String> next = new LinkedHashMap<>(given);
                next.put("cursor", cursors.encode(Cursors.Listing.FEEDBACK, new AuditQuery.Position(last.receivedAt(), last.feedbackId())));
                moreHref = Links.withQuery("/console/feedback", next);
            }
            rows = new Rows(page.stream().map(this::row).toList(), moreHref);
            if (htmx != null) {
                return Response.ok(Templates.feedback$rows(rows)).build();
            }
            summary = summary(ruleName, outcomeName, fromInstant, toInstant);
        }
        return Response.ok(Templates.feedback(pages.chrome(ConsolePages.Page.FEEDBACK, "Feedback"), given, errors, summary,
                rows)).build();
    }

    /** Counts per rule over the filtered entries, newest first, at most {@link #SUMMARY_MAX}. */
    private Summary summary(String rule, String outcome, Instant from, Instant to) {
        Map<String, long[]> counts = new TreeMap<>();
        AuditQuery.Position after = null;
        long entries = 0;
        boolean cut = false;
        while (true) {
            List<Feedback> found = feedbackLog.list(new FeedbackQuery(rule, outcome, from, to, FeedbackQuery.MAX_LIMIT, after));
            List<Feedback> page = found.size() > FeedbackQuery.MAX_LIMIT ? found.subList(0, FeedbackQuery.MAX_LIMIT) : found;
            for (Feedback feedback : page) {
                if (entries == SUMMARY_MAX) {
                    cut = true;
                    break;
                }
                entries++;
                for (String name : feedback.rules()) {
                    counts.computeIfAbsent(name, n -> new long[2])["accepted".equals(feedback.outcome()) ? 0 : 1]++;
                }
            }
            if (cut || found.size() <= FeedbackQuery.MAX_LIMIT) {
                break;
            }
            Feedback last = page.get(page.size() - 1);
            after = new AuditQuery.Position(last.receivedAt(), last.feedbackId());
        }
        List<RuleCount> rules = new ArrayList<>();
        counts.forEach((name, c) -> rules.add(new RuleCount(name, Links.rule(name),
                Links.withQuery("/console/feedback", Links.params("rule", name, "outcome", "overridden")), c[0], c[1])));
        // The most overridden first: those are the rules clinicians disagree with.
        rules.sort((a, b) -> Long.compare(b.overridden(), a.overridden()));
        return new Summary(rules, entries, cut);
    }

    private Row row(Feedback feedback) {
        String reason = null;
        String comment = null;
        if (feedback.overrideReasonJson() != null) {
            try {
                JsonNode node = json.readTree(feedback.overrideReasonJson());
                JsonNode coding = node.path("reason");
                reason = coding.path("display").asText(coding.path("code").asText(null));
                comment = node.path("userComment").asText(null);
            } catch (IOException e) {
                reason = "(unreadable)";
            }
        }
        String id = feedback.evaluationId().toString();
        return new Row(feedback.receivedAt().toString(), feedback.outcome(),
                feedback.outcomeTimestamp() == null ? "" : feedback.outcomeTimestamp().toString(), feedback.service(),
                feedback.card(), feedback.rules(), reason, comment, id, Links.record(id));
    }

    private static String keep(Map<String, String> given, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        given.put(name, value.strip());
        return value.strip();
    }
}
