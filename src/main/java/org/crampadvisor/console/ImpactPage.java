package org.crampadvisor.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.api.Roles;
import org.crampadvisor.impact.ImpactJob;
import org.crampadvisor.impact.ImpactJobs;
import org.crampadvisor.impact.ImpactPreview;
import org.crampadvisor.impact.ImpactReport;
import org.crampadvisor.impact.ImpactWindow;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The impact preview from the Ruleset page (rule-admin): what the rules folder on disk would change in the
 * audited decisions of the last 30 days, against the active version, without activating it. Runs on the
 * same background jobs as {@code POST /api/v1/ruleset/impact}; the page follows its progress.
 */
@Path("/console/ruleset/impact")
public class ImpactPage {

    /** A count of one code's changes, as a row of the report. */
    public record CodeRow(String code, long added, long removed, Long certaintyChanged) {
    }

    /** A changed decision, with the link to its record for those who may open it. */
    public record ExampleRow(String evaluationId, String recordHref, ImpactReport.Conclusions before,
                             ImpactReport.Conclusions after) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance impact(Chrome chrome, ImpactJob.View job, List<CodeRow> causes, List<CodeRow> advice,
                                              List<CodeRow> withheld, List<CodeRow> rules, List<ExampleRow> examples,
                                              String selfHref);

        static native TemplateInstance impact$status(Chrome chrome, ImpactJob.View job, List<CodeRow> causes,
                                                     List<CodeRow> advice, List<CodeRow> withheld, List<CodeRow> rules,
                                                     List<ExampleRow> examples, String selfHref);
    }

    private final ConsolePages pages;
    private final ImpactJobs jobs;
    private final Clock clock = Clock.systemUTC();

    ImpactPage(ConsolePages pages, ImpactJobs jobs) {
        this.pages = pages;
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response start(@RestForm(ConsoleCsrf.FIELD) String csrfToken, RoutingContext context) {
        if (!ConsoleCsrf.accept(context, csrfToken)) {
            return ConsoleErrors.csrfRefused(pages);
        }
        if (!pages.hasRole(Roles.RULE_ADMIN)) {
            return ConsoleErrors.forbidden(pages, "Only a rule-admin may preview the impact of the rules folder.");
        }
        ImpactJobs.Started started = jobs.start(ImpactWindow.defaultSince(clock), ImpactPreview.MAX_DECISIONS);
        if (started instanceof ImpactJobs.Refused refused) {
            // Nothing was compared: the page shows the gate's problems, as a refused reload does.
            ImpactJob.View view = new ImpactJob.View(null, ImpactJob.Status.FAILED, 0, null, null, null, 0, clock.instant(),
                    clock.instant(), refused.gate().candidateVersion(), refused.activeVersion(),
                    "the rules folder was refused by its checks; nothing was compared", refused.gate().errors());
            return Response.status(422).type(MediaType.TEXT_HTML_TYPE).entity(Templates.impact(
                    pages.chrome(ConsolePages.Page.RULESET, "Impact preview"), view, List.of(), List.of(), List.of(),
                    List.of(), List.of(), null)).build();
        }
        // One preview at a time: when another is running, follow it.
        ImpactJob job = started instanceof ImpactJobs.Busy busy ? busy.running() : ((ImpactJobs.Accepted) started).job();
        return Response.seeOther(URI.create(href(job.id()))).build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response job(@RestQuery String id, @RestHeader("HX-Request") String htmx) {
        if (!pages.hasRole(Roles.RULE_ADMIN)) {
            return ConsoleErrors.forbidden(pages, "Only a rule-admin may see impact previews.");
        }
        Optional<ImpactJob> job = find(id);
        if (job.isEmpty()) {
            return ConsoleErrors.notFound(pages, "No such impact preview; the last " + ImpactJobs.JOBS_KEPT + " are kept.");
        }
        ImpactJob.View view = job.get().view();
        ImpactReport report = view.report();
        List<CodeRow> causes = new ArrayList<>();
        List<CodeRow> advice = new ArrayList<>();
        List<CodeRow> withheld = new ArrayList<>();
        List<CodeRow> rules = new ArrayList<>();
        List<ExampleRow> examples = new ArrayList<>();
        if (report != null) {
            report.byChange().causes().forEach((code, c) -> causes.add(new CodeRow(code, c.added(), c.removed(), c.certaintyChanged())));
            rows(report.byChange().advice(), advice);
            rows(report.byChange().withheld(), withheld);
            rows(report.byChange().rules(), rules);
            boolean mayOpen = pages.hasRole(Roles.AUDITOR);
            for (ImpactReport.Example example : report.examples()) {
                examples.add(new ExampleRow(example.evaluationId(), mayOpen ? Links.record(example.evaluationId()) : null,
                        example.before(), example.after()));
            }
        }
        String self = href(job.get().id());
        if (htmx != null) {
            return Response.ok(Templates.impact$status(pages.chrome(ConsolePages.Page.RULESET, "Impact preview"), view, causes, advice, withheld, rules, examples, self)).build();
        }
        return Response.ok(Templates.impact(pages.chrome(ConsolePages.Page.RULESET, "Impact preview"), view, causes, advice,
                withheld, rules, examples, self)).build();
    }

    @POST
    @Path("/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response cancel(@RestForm(ConsoleCsrf.FIELD) String csrfToken, @RestForm String id, RoutingContext context) {
        if (!ConsoleCsrf.accept(context, csrfToken)) {
            return ConsoleErrors.csrfRefused(pages);
        }
        if (!pages.hasRole(Roles.RULE_ADMIN)) {
            return ConsoleErrors.forbidden(pages, "Only a rule-admin may cancel an impact preview.");
        }
        if (find(id).isEmpty()) {
            return ConsoleErrors.notFound(pages, "No such impact preview; the last " + ImpactJobs.JOBS_KEPT + " are kept.");
        }
        jobs.cancel(UUID.fromString(id));
        return Response.seeOther(URI.create(href(UUID.fromString(id)))).build();
    }

    private Optional<ImpactJob> find(String id) {
        return AuditSearch.isEvaluationId(id) ? jobs.find(UUID.fromString(id)) : Optional.empty();
    }

    private static void rows(Map<String, ImpactReport.Changes> changes, List<CodeRow> into) {
        changes.forEach((code, c) -> into.add(new CodeRow(code, c.added(), c.removed(), null)));
    }

    static String href(UUID id) {
        return "/console/ruleset/impact?id=" + id;
    }
}
