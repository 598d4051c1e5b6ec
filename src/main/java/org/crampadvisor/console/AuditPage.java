package org.crampadvisor.console;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.crampadvisor.api.Roles;
import org.crampadvisor.audit.AuditQuery;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.audit.Cursors;
import org.crampadvisor.audit.Pseudonyms;
import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.replay.ArchivedRulesetUnavailable;
import org.crampadvisor.replay.AnswerDifference;
import org.crampadvisor.replay.Replayer;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The auditor's pages: the search of the audit log (filters in the URL, "load more" on the signed
 * cursor, export of the whole filtered set), one record, and its replay on the original and the active
 * ruleset.
 */
@Path("/console/audit")
public class AuditPage {

    /** Records an export holds at most; the export says so in its last line (CSV) or field (JSON) when cut. */
    static final int MAX_EXPORT = 10_000;

    /** A decision as a row of the search. */
    public record Row(String evaluationId, String href, String evaluatedAt, String principal, String pseudonym,
                      String rulesetVersion, List<AnswerView.Cause> causes, List<String> advice, List<String> withheld,
                      String origin) {

        public String shortPseudonym() {
            return pseudonym.length() > 12 ? pseudonym.substring(0, 12) + "…" : pseudonym;
        }

        public String shortVersion() {
            return rulesetVersion.length() > 19 ? rulesetVersion.substring(0, 19) + "…" : rulesetVersion;
        }
    }

    /** A page of rows and the link that continues it, if any. */
    public record Rows(List<Row> rows, String moreHref) {
    }

    /** One line of a side-by-side comparison, marked as it differs. */
    public record Compared(String text, String change) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(Chrome chrome, AuditSearch search, Rows page, List<String> causes,
                                             List<String> advice, String csvHref, String jsonHref);

        static native TemplateInstance audit$rows(Rows page);

        static native TemplateInstance record(Chrome chrome, AuditRepository.StoredEvaluation stored, String request,
                                              AnswerView answer, String origin, String replayHref);

        static native TemplateInstance replay(Chrome chrome, String evaluationId, String recordHref, Replayer.Replay replay,
                                              List<Compared> originalLines, List<Compared> activeLines,
                                              AnswerDifference difference);
    }

    private final ConsolePages pages;
    private final AuditRepository repository;
    private final Pseudonyms pseudonyms;
    private final Cursors cursors;
    private final Replayer replayer;
    private final ObjectMapper json;

    AuditPage(ConsolePages pages, AuditRepository repository, Pseudonyms pseudonyms, Cursors cursors, Replayer replayer,
              ObjectMapper json) {
        this.pages = pages;
        this.repository = repository;
        this.pseudonyms = pseudonyms;
        this.cursors = cursors;
        this.replayer = replayer;
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response search(@RestQuery String rule, @RestQuery String cause, @RestQuery String advice,
                           @RestQuery String rulesetVersion, @RestQuery String patientId, @RestQuery String from,
                           @RestQuery String to, @RestQuery String limit, @RestQuery String cursor,
                           @RestHeader("HX-Request") String htmx) throws SQLException {
        if (!pages.hasRole(Roles.AUDITOR)) {
            return ConsoleErrors.forbidden(pages, "Only an auditor may search the audit log.");
        }
        AuditSearch search = AuditSearch.read(rule, cause, advice, rulesetVersion, patientId, from, to, limit, cursor);
        Rows rows = new Rows(List.of(), null);
        if (search.valid()) {
            Optional<AuditQuery> query = search.query(pseudonyms, cursors, search.limit());
            if (query.isPresent()) {
                rows = rows(search, query.get());
            }
        }
        if (htmx != null && search.valid()) {
            return Response.ok(Templates.audit$rows(rows)).build();
        }
        return Response.ok(Templates.audit(pages.chrome(ConsolePages.Page.AUDIT, "Audit"), search, rows,
                List.of(CauseCode.values()).stream().map(Enum::name).toList(),
                List.of(AdviceCode.values()).stream().map(Enum::name).toList(),
                search.link("/console/audit/export.csv", null), search.link("/console/audit/export.json", null))).build();
    }

    private Rows rows(AuditSearch search, AuditQuery query) throws SQLException {
        List<AuditRepository.StoredEvaluation> found = repository.list(query);
        boolean more = found.size() > query.limit();
        List<AuditRepository.StoredEvaluation> page = more ? found.subList(0, query.limit()) : found;
        List<Row> rows = new ArrayList<>();
        for (AuditRepository.StoredEvaluation stored : page) {
            rows.add(row(stored));
        }
        String moreHref = null;
        if (more) {
            AuditRepository.StoredEvaluation last = page.get(page.size() - 1);
            moreHref = search.link("/console/audit", cursors.encode(Cursors.Listing.EVALUATIONS,
                    new AuditQuery.Position(last.evaluatedAt(), last.evaluationId())));
        }
        return new Rows(rows, moreHref);
    }

    private Row row(AuditRepository.StoredEvaluation stored) {
        JsonNode request = tree(stored.requestJson());
        AnswerView answer = AnswerView.of(tree(stored.responseJson()));
        String origin = stored.originJson() == null ? null : tree(stored.originJson()).path("kind").asText(null);
        return new Row(stored.evaluationId().toString(), Links.record(stored.evaluationId().toString()),
                stored.evaluatedAt().toString(), stored.principal(), request.path("patient").path("id").asText(""),
                stored.rulesetVersion(), answer.causes(), answer.adviceCodes(), answer.withheldCodes(), origin);
    }

    @GET
    @Path("/record")
    @Produces(MediaType.TEXT_HTML)
    public Response record(@RestQuery String id) throws SQLException {
        if (!pages.hasRole(Roles.AUDITOR)) {
            return ConsoleErrors.forbidden(pages, "Only an auditor may open audit records.");
        }
        if (!AuditSearch.isEvaluationId(id)) {
            return ConsoleErrors.notFound(pages, "That is not an evaluation id.");
        }
        Optional<AuditRepository.StoredEvaluation> found = repository.find(UUID.fromString(id));
        if (found.isEmpty()) {
            return ConsoleErrors.notFound(pages, "The audit log holds no evaluation with that id.");
        }
        AuditRepository.StoredEvaluation stored = found.get();
        String request = pretty(stored.requestJson());
        return Response.ok(Templates.record(pages.chrome(ConsolePages.Page.AUDIT, "Decision " + id), stored, request,
                AnswerView.of(tree(stored.responseJson())), stored.originJson() == null ? null : pretty(stored.originJson()),
                "/console/audit/replay?id=" + id)).build();
    }

    /** Replaying decides nothing and records nothing, so it is a plain page (a bookmarkable GET). */
    @GET
    @Path("/replay")
    @Produces(MediaType.TEXT_HTML)
    public Response replay(@RestQuery String id) throws SQLException, IOException {
        if (!pages.hasRole(Roles.AUDITOR)) {
            return ConsoleErrors.forbidden(pages, "Only an auditor may replay decisions.");
        }
        if (!AuditSearch.isEvaluationId(id)) {
            return ConsoleErrors.notFound(pages, "That is not an evaluation id.");
        }
        Optional<Replayer.Replay> found = replayer.replay(UUID.fromString(id));
        if (found.isEmpty()) {
            return ConsoleErrors.notFound(pages, "The audit log holds no evaluation with that id.");
        }
        Replayer.Replay replay = found.get();
        AnswerView original = AnswerView.of(json.valueToTree(replay.original().answer()));
        AnswerView active = AnswerView.of(json.valueToTree(replay.active().answer()));
        AnswerDifference difference = replay.difference();
        return Response.ok(Templates.replay(pages.chrome(ConsolePages.Page.AUDIT, "Replay of " + id), id, Links.record(id),
                replay, lines(original, active, difference, true), lines(active, original, difference, false),
                difference)).build();
    }

    /**
     * One side of the comparison: causes with certainty, advice, withheld advice and rules fired, each
     * marked when the other side lacks it ({@code removed} on the original side, {@code added} on the
     * active side) or its certainty changed.
     */
    private static List<Compared> lines(AnswerView side, AnswerView other, AnswerDifference difference, boolean original) {
        String missingElsewhere = original ? "removed" : "added";
        List<Compared> lines = new ArrayList<>();
        for (AnswerView.Cause cause : side.causes()) {
            boolean changed = difference.certaintiesChanged().stream().anyMatch(c -> c.cause().equals(cause.code()));
            lines.add(new Compared("cause " + cause.code() + " (" + cause.certainty() + ")",
                    !other.causeCodes().contains(cause.code()) ? missingElsewhere : changed ? "changed" : ""));
        }
        for (String advice : side.adviceCodes()) {
            lines.add(new Compared("advice " + advice, other.adviceCodes().contains(advice) ? "" : missingElsewhere));
        }
        for (String withheld : side.withheldCodes()) {
            lines.add(new Compared("withheld " + withheld, other.withheldCodes().contains(withheld) ? "" : missingElsewhere));
        }
        for (String rule : side.rulesFired()) {
            lines.add(new Compared("rule fired: " + rule, other.rulesFired().contains(rule) ? "" : missingElsewhere));
        }
        return lines;
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    public Response exportCsv(@RestQuery String rule, @RestQuery String cause, @RestQuery String advice,
                              @RestQuery String rulesetVersion, @RestQuery String patientId, @RestQuery String from,
                              @RestQuery String to, @RestQuery String limit) {
        return export(AuditSearch.read(rule, cause, advice, rulesetVersion, patientId, from, to, limit, null), false);
    }

    @GET
    @Path("/export.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response exportJson(@RestQuery String rule, @RestQuery String cause, @RestQuery String advice,
                               @RestQuery String rulesetVersion, @RestQuery String patientId, @RestQuery String from,
                               @RestQuery String to, @RestQuery String limit) {
        return export(AuditSearch.read(rule, cause, advice, rulesetVersion, patientId, from, to, limit, null), true);
    }

    private Response export(AuditSearch search, boolean asJson) {
        if (!pages.hasRole(Roles.AUDITOR)) {
            return ConsoleErrors.forbidden(pages, "Only an auditor may export the audit log.");
        }
        if (!search.valid()) {
            return ConsoleErrors.page(pages, 400, "Export refused", "The search is not valid: " + search.errors);
        }
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (JsonGenerator generator = asJson ? json.getFactory().createGenerator(writer) : null) {
                if (asJson) {
                    generator.writeStartObject();
                    generator.writeArrayFieldStart("items");
                } else {
                    writer.write("evaluationId,evaluatedAt,principal,patientPseudonym,rulesetVersion,causes,advice,withheld,rulesFired\r\n");
                }
                AuditQuery.Position after = null;
                int written = 0;
                boolean cut = false;
                while (true) {
                    AuditQuery query = search.query(pseudonyms, cursors, AuditQuery.MAX_LIMIT).orElseThrow();
                    query = new AuditQuery(query.rule(), query.cause(), query.advice(), query.rulesetVersion(),
                            query.patientPseudonym(), query.from(), query.to(), AuditQuery.MAX_LIMIT, after);
                    List<AuditRepository.StoredEvaluation> found = repository.list(query);
                    List<AuditRepository.StoredEvaluation> page = found.size() > AuditQuery.MAX_LIMIT
                            ? found.subList(0, AuditQuery.MAX_LIMIT) : found;
                    for (AuditRepository.StoredEvaluation stored : page) {
                        if (written == MAX_EXPORT) {
                            cut = true;
                            break;
                        }
                        if (asJson) {
                            writeJson(generator, stored);
                        } else {
                            writeCsv(writer, stored);
                        }
                        written++;
                    }
                    if (cut || found.size() <= AuditQuery.MAX_LIMIT) {
                        break;
                    }
                    AuditRepository.StoredEvaluation last = page.get(page.size() - 1);
                    after = new AuditQuery.Position(last.evaluatedAt(), last.evaluationId());
                }
                if (asJson) {
                    generator.writeEndArray();
                    generator.writeBooleanField("truncated", cut);
                    generator.writeEndObject();
                } else if (cut) {
                    writer.write("# truncated at " + MAX_EXPORT + " records; narrow the search to export the rest\r\n");
                }
                // Before the generator, when there is one, closes the writer.
                if (generator != null) {
                    generator.flush();
                }
                writer.flush();
            }
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"audit-export."
                + (asJson ? "json" : "csv") + "\"").build();
    }

    private void writeJson(JsonGenerator generator, AuditRepository.StoredEvaluation stored) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("evaluationId", stored.evaluationId().toString());
        generator.writeStringField("evaluatedAt", stored.evaluatedAt().toString());
        generator.writeStringField("principal", stored.principal());
        generator.writeStringField("rulesetVersion", stored.rulesetVersion());
        generator.writeNumberField("durationMicros", stored.durationMicros());
        generator.writeFieldName("request");
        generator.writeRawValue(stored.requestJson());
        generator.writeFieldName("response");
        generator.writeRawValue(stored.responseJson());
        if (stored.originJson() != null) {
            generator.writeFieldName("origin");
            generator.writeRawValue(stored.originJson());
        }
        generator.writeEndObject();
    }

    private void writeCsv(Writer writer, AuditRepository.StoredEvaluation stored) throws IOException {
        Row row = row(stored);
        List<String> causes = row.causes().stream().map(c -> c.code() + ":" + c.certainty()).toList();
        AnswerView answer = AnswerView.of(tree(stored.responseJson()));
        List<String> cells = List.of(row.evaluationId(), row.evaluatedAt(), row.principal(), row.pseudonym(),
                row.rulesetVersion(), String.join(" ", causes), String.join(" ", row.advice()),
                String.join(" ", row.withheld()), String.join("; ", answer.rulesFired()));
        StringBuilder line = new StringBuilder();
        for (String cell : cells) {
            line.append(line.isEmpty() ? "" : ",").append(csv(cell));
        }
        writer.write(line.append("\r\n").toString());
    }

    /** RFC 4180 quoting, and a leading quote on text a spreadsheet would take for a formula. */
    static String csv(String cell) {
        String text = cell == null ? "" : cell;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored record is not JSON", e);
        }
    }

    private String pretty(String text) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored record is not JSON", e);
        }
    }

    /** Only for this page's endpoints: the decision's ruleset version could not be rebuilt. */
    @ServerExceptionMapper
    Response archiveUnavailable(ArchivedRulesetUnavailable e) {
        return ConsoleErrors.archiveUnavailable(pages, e);
    }
}
