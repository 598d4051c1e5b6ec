package org.crampadvisor.console;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import org.crampadvisor.api.Roles;
import org.crampadvisor.lifecycle.ReloadReport;
import org.crampadvisor.lifecycle.RulesReloader;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The pages of the console and who may open them; builds the frame ({@link Chrome}) of each page. */
@ApplicationScoped
public class ConsolePages {

    /** A console page; {@code role} null means every signed-in role may open it. */
    public enum Page {
        EVALUATE("Evaluate", "/console/evaluate", Roles.REQUESTER),
        AUDIT("Audit", "/console/audit", Roles.AUDITOR),
        FEEDBACK("Feedback", "/console/feedback", Roles.AUDITOR),
        RULES("Rules", "/console/rules", null),
        RULESET("Ruleset", "/console/ruleset", null);

        final String label;
        final String href;
        final String role;

        Page(String label, String href, String role) {
            this.label = label;
            this.href = href;
            this.role = role;
        }
    }

    private final SecurityIdentity identity;
    private final RulesReloader reloader;
    private final CurrentVertxRequest request;

    ConsolePages(SecurityIdentity identity, RulesReloader reloader, CurrentVertxRequest request) {
        this.identity = identity;
        this.reloader = reloader;
        this.request = request;
    }

    public boolean mayOpen(Page page) {
        return page.role == null || identity.hasRole(page.role);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public String user() {
        return identity.getPrincipal().getName();
    }

    /** The first page the user's roles open, in menu order: where signing in leads. */
    public Page home() {
        for (Page page : Page.values()) {
            if (mayOpen(page)) {
                return page;
            }
        }
        return Page.RULESET;
    }

    public Chrome chrome(Page current, String title) {
        List<Chrome.NavItem> nav = new ArrayList<>();
        for (Page page : Page.values()) {
            if (mayOpen(page)) {
                nav.add(new Chrome.NavItem(page.label, page.href, page == current));
            }
        }
        ReloadReport last = reloader.lastReload();
        ReloadReport refused = last != null && last.status() == ReloadReport.Status.REFUSED ? last : null;
        return new Chrome(title, user(), String.join(", ", new TreeSet<>(identity.getRoles())), nav, refused,
                ConsoleCsrf.issue(request.getCurrent()));
    }
}
