package org.crampadvisor.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.evaluation.FieldError;
import org.crampadvisor.engine.RuleInfo;
import org.crampadvisor.engine.Ruleset;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The catalogue of the active rules and the ruleset versions: the active one for every role, archived ones for auditors. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.REQUESTER, Roles.AUDITOR, Roles.RULE_ADMIN})
public class RulesetResource {

    public record FileView(String path, String sha256) {
    }

    public record RulesetView(String version, Instant loadedAt, List<FileView> files, ActiveRuleset.LoadAttempt lastReload) {
    }

    private final ActiveRuleset activeRuleset;
    private final AuditRepository archive;

    RulesetResource(ActiveRuleset activeRuleset, AuditRepository archive) {
        this.activeRuleset = activeRuleset;
        this.archive = archive;
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

    @GET
    @Path("/rulesets/{version}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "The files of a ruleset version that answered a decision")
    public AuditRepository.StoredRuleset ruleset(@PathParam("version") String version) throws SQLException {
        if (!EvaluationResource.VERSION.matcher(version).matches()) {
            throw new InvalidRequestException("invalid ruleset version",
                    List.of(new FieldError("version", "must be sha256: followed by 64 lower-case hex digits")));
        }
        return archive.ruleset(version).orElseThrow(() -> new NotFoundException("no archived ruleset " + version));
    }
}
