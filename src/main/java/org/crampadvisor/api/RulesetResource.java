package org.crampadvisor.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.RuleInfo;
import org.crampadvisor.engine.Ruleset;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;

/** The catalogue of the active rules and the version of the ruleset, for every role. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.REQUESTER, Roles.AUDITOR, Roles.RULE_ADMIN})
public class RulesetResource {

    public record FileView(String path, String sha256) {
    }

    public record RulesetView(String version, Instant loadedAt, List<FileView> files, ActiveRuleset.LoadAttempt lastReload) {
    }

    private final ActiveRuleset activeRuleset;

    RulesetResource(ActiveRuleset activeRuleset) {
        this.activeRuleset = activeRuleset;
    }

    @GET
    @Path("/rules")
    @Operation(summary = "The active rules: name, package, file, line and metadata")
    public List<RuleInfo> rules() {
        return activeRuleset.get().rules();
    }

    @GET
    @Path("/ruleset")
    @Operation(summary = "The active ruleset: version, load time, files with hashes, last load attempt")
    public RulesetView ruleset() {
        Ruleset ruleset = activeRuleset.get();
        List<FileView> files = ruleset.files().stream().map(f -> new FileView(f.path(), f.sha256())).toList();
        return new RulesetView(ruleset.version(), ruleset.loadedAt(), files, activeRuleset.lastAttempt());
    }
}
