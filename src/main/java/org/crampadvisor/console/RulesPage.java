package org.crampadvisor.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.api.Roles;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.RuleCoverage;
import org.crampadvisor.engine.RuleInfo;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetFile;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The catalogue of the active rules with where they are, what they say, which scenarios make them fire
 * and how many audited decisions used them over a window; a rule's own page shows its DRL source.
 */
@Path("/console/rules")
public class RulesPage {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 3650;

    /** A rule as the catalogue lists it. */
    public record Row(RuleInfo rule, String href, String auditHref, List<RuleCoverage.Scenario> scenarios,
                      int decisions, Map<String, Object> otherMetadata) {

        public boolean neverFired() {
            return decisions == 0;
        }
    }

    /** One line of a rule's DRL source. */
    public record SourceLine(int number, String text) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rules(Chrome chrome, List<Row> rows, int days, RuleFirings.Counts counts,
                                             int neverFired, int untested, String error);

        static native TemplateInstance rule(Chrome chrome, Row row, List<SourceLine> source, int days,
                                            RuleFirings.Counts counts, boolean mayAudit);

        static native TemplateInstance notActive(Chrome chrome, String name, String version, int decisions, int days,
                                                 RuleFirings.Counts counts, String auditHref, boolean mayAudit);
    }

    private final ConsolePages pages;
    private final ActiveRuleset activeRuleset;
    private final RuleFirings firings;

    RulesPage(ConsolePages pages, ActiveRuleset activeRuleset, RuleFirings firings) {
        this.pages = pages;
        this.activeRuleset = activeRuleset;
        this.firings = firings;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance catalogue(@RestQuery String days) {
        String error = null;
        int window = DEFAULT_DAYS;
        if (days != null && !days.isBlank()) {
            try {
                window = Integer.parseInt(days.strip());
            } catch (NumberFormatException e) {
                window = -1;
            }
            if (window < 1 || window > MAX_DAYS) {
                error = "The window must be a whole number of days from 1 to " + MAX_DAYS + "; showing "
                        + DEFAULT_DAYS + " days.";
                window = DEFAULT_DAYS;
            }
        }
        Ruleset ruleset = activeRuleset.get();
        RuleFirings.Counts counts = firings.since(Instant.now().minus(Duration.ofDays(window)));
        List<Row> rows = ruleset.rules().stream().map(rule -> row(ruleset, rule, counts)).toList();
        int never = (int) rows.stream().filter(Row::neverFired).count();
        int untested = (int) rows.stream().filter(r -> r.scenarios().isEmpty()).count();
        return Templates.rules(pages.chrome(ConsolePages.Page.RULES, "Rules"), rows, window, counts, never, untested, error);
    }

    @GET
    @Path("/rule")
    @Produces(MediaType.TEXT_HTML)
    public Response rule(@RestQuery String name) {
        Ruleset ruleset = activeRuleset.get();
        RuleInfo rule = name == null ? null
                : ruleset.rules().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        if (name == null || name.isBlank() || name.length() > 300) {
            return ConsoleErrors.notFound(pages, "No rule was named; open a rule from the Rules page.");
        }
        RuleFirings.Counts counts = firings.since(Instant.now().minus(Duration.ofDays(DEFAULT_DAYS)));
        if (rule == null) {
            // Feedback and audit records name rules of earlier versions too: their decisions stay searchable.
            return Response.status(404).entity(Templates.notActive(pages.chrome(ConsolePages.Page.RULES, name), name,
                    ruleset.version(), counts.of(name), DEFAULT_DAYS, counts, Links.auditByRule(name),
                    pages.hasRole(Roles.AUDITOR))).build();
        }
        return Response.ok(Templates.rule(pages.chrome(ConsolePages.Page.RULES, rule.name()), row(ruleset, rule, counts),
                source(ruleset, rule), DEFAULT_DAYS, counts, pages.hasRole(Roles.AUDITOR))).build();
    }

    private static Row row(Ruleset ruleset, RuleInfo rule, RuleFirings.Counts counts) {
        Map<String, Object> other = new TreeMap<>(rule.metadata());
        other.remove("description");
        other.remove("source");
        return new Row(rule, Links.rule(rule.name()), Links.auditByRule(rule.name()),
                ruleset.coverage().scenariosFiring(rule.name()), counts.of(rule.name()), other);
    }

    /** The rule's text as its author wrote it: from its {@code rule} line to its {@code end}. */
    static List<SourceLine> source(Ruleset ruleset, RuleInfo rule) {
        List<SourceLine> lines = new ArrayList<>();
        for (RulesetFile file : ruleset.files()) {
            if (!file.path().equals(rule.file())) {
                continue;
            }
            String[] text = file.text().split("\\R", -1);
            for (int i = Math.max(0, rule.line() - 1); i < text.length; i++) {
                lines.add(new SourceLine(i + 1, text[i]));
                if (text[i].strip().equals("end")) {
                    break;
                }
            }
        }
        return lines;
    }
}
