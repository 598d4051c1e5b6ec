package org.crampadvisor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.RuleCoverage;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetProblem;
import org.crampadvisor.lifecycle.ReloadReport;
import org.crampadvisor.lifecycle.RulesReloader;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The catalogue of the active rules and the ruleset versions: the active one for every role, archived ones for auditors. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.REQUESTER, Roles.AUDITOR, Roles.RULE_ADMIN})
public class RulesetResource {

    public record FileView(String path, String sha256) {
    }

    public record RulesetView(String version, Instant loadedAt, List<FileView> files, ReloadReport lastReload) {
    }

    /** A rule with the scenarios that make it fire: none means no scenario tests it. */
    public record RuleView(String name, @JsonProperty("package") String pkg, String file, int line,
                           Map<String, Object> metadata, List<RuleCoverage.Scenario> firedByScenarios) {
    }

    private final ActiveRuleset activeRuleset;
    private final RulesReloader reloader;
    private final AuditRepository archive;

    RulesetResource(ActiveRuleset activeRuleset, RulesReloader reloader, AuditRepository archive) {
        this.activeRuleset = activeRuleset;
        this.reloader = reloader;
        this.archive = archive;
    }

    @GET
    @Path("/rules")
    @Operation(summary = "The active rules: name, package, file, line, metadata and the scenarios that make each fire")
    public List<RuleView> rules() {
        Ruleset ruleset = activeRuleset.get();
        return ruleset.rules().stream().map(rule -> new RuleView(rule.name(), rule.pkg(), rule.file(), rule.line(),
                rule.metadata(), ruleset.coverage().scenariosFiring(rule.name()))).toList();
    }

    @POST
    @Path("/ruleset/reload")
    @RolesAllowed(Roles.RULE_ADMIN)
    @Operation(summary = "Checks the rules folder (compile, lint, scenarios) and activates it if it passes; "
            + "422 with every problem if it does not, while the previous version keeps serving")
    @APIResponse(responseCode = "200", description = "activated, or unchanged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReloadReport.class)))
    @APIResponse(responseCode = "422", description = "refused; the previous version keeps serving",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = RefusedReload.class)))
    public Response reload() {
        ReloadReport report = reloader.reload(ReloadReport.Trigger.API);
        if (report.status() == ReloadReport.Status.REFUSED) {
            return Response.status(422).type(Problem.PROBLEM_JSON).entity(RefusedReload.of(report)).build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * A refused reload is an error like any other (SPEC section 3), so a problem: its {@code status} is
     * the HTTP status, and the reload report's other fields, the errors first of all, are its
     * extension members, named as in {@code lastReload}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RefusedReload(String type, String title, int status, String detail, ReloadReport.Trigger trigger,
                                Instant at, long durationMillis, String candidateVersion, String activeVersion,
                                ReloadReport.ScenarioCount scenarios, List<RulesetProblem> errors,
                                List<RulesetProblem> warnings) {

        static RefusedReload of(ReloadReport report) {
            int problems = report.errors() == null ? 0 : report.errors().size();
            return new RefusedReload("about:blank", "Rules folder refused", 422, "the rules folder was refused with "
                    + problems + (problems == 1 ? " problem" : " problems") + "; " + report.activeVersion()
                    + " keeps serving", report.trigger(), report.at(), report.durationMillis(), report.candidateVersion(),
                    report.activeVersion(), report.scenarios(), report.errors(), report.warnings());
        }
    }

    @GET
    @Path("/ruleset")
    @Operation(summary = "The active ruleset: version, load time, files with hashes, last load attempt")
    public RulesetView ruleset() {
        Ruleset ruleset = activeRuleset.get();
        List<FileView> files = ruleset.files().stream().map(f -> new FileView(f.path(), f.sha256())).toList();
        return new RulesetView(ruleset.version(), ruleset.loadedAt(), files, reloader.lastReload());
    }

    @GET
    @Path("/rulesets/{version}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "The files of a ruleset version that answered a decision")
    public AuditRepository.StoredRuleset ruleset(@Parameter(example = "sha256:2c2a0cc586a7f022622e63886f159cac95e4d0246db3c902786e08e26b3b09a6")
                                                 @PathParam("version")
                                                 @Pattern(regexp = EvaluationResource.VERSION_PATTERN,
                                                         message = "must be sha256: followed by 64 lower-case hex digits")
                                                 String version) throws SQLException {
        return archive.ruleset(version).orElseThrow(() -> new NotFoundException("no archived ruleset " + version));
    }
}
