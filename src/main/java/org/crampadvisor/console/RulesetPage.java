package org.crampadvisor.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vertx.ext.web.RoutingContext;
import org.crampadvisor.api.Roles;
import org.jboss.resteasy.reactive.RestForm;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.lifecycle.ReloadReport;
import org.crampadvisor.lifecycle.RulesReloader;

import java.net.URI;

/** The active ruleset and the last attempt to load the rules folder; rule-admins reload it from here. */
@Path("/console/ruleset")
public class RulesetPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ruleset(Chrome chrome, Ruleset active, ReloadReport lastReload, boolean mayReload);
    }

    private final ConsolePages pages;
    private final ActiveRuleset activeRuleset;
    private final RulesReloader reloader;

    RulesetPage(ConsolePages pages, ActiveRuleset activeRuleset, RulesReloader reloader) {
        this.pages = pages;
        this.activeRuleset = activeRuleset;
        this.reloader = reloader;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return Templates.ruleset(pages.chrome(ConsolePages.Page.RULESET, "Ruleset"), activeRuleset.get(),
                reloader.lastReload(), pages.hasRole(Roles.RULE_ADMIN));
    }

    /** Checks the rules folder now, exactly as {@code POST /api/v1/ruleset/reload} does; the page shows the outcome. */
    @POST
    @Path("/reload")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response reload(@RestForm(ConsoleCsrf.FIELD) String csrfToken, RoutingContext context) {
        if (!ConsoleCsrf.accept(context, csrfToken)) {
            return ConsoleErrors.csrfRefused(pages);
        }
        if (!pages.hasRole(Roles.RULE_ADMIN)) {
            return ConsoleErrors.forbidden(pages, "Only a rule-admin may reload the rules.");
        }
        reloader.reload(ReloadReport.Trigger.API);
        return Response.seeOther(URI.create("/console/ruleset#last-reload")).build();
    }
}
