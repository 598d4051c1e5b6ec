package org.crampadvisor.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import org.crampadvisor.engine.RulesetProblem;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one attempt to load the rules folder, as the reload endpoint answers it and
 * {@code GET /api/v1/ruleset} shows it in {@code lastReload}.
 *
 * @param status           {@code activated} (a new version answers from now on), {@code unchanged} (the
 *                         folder passed and still hashes to the active version) or {@code refused} (the
 *                         active version keeps serving)
 * @param trigger          what started it
 * @param at               when it started
 * @param durationMillis   how long the gate took
 * @param candidateVersion the version the folder hashed to, when it could be read
 * @param activeVersion    the version that answers requests after it
 * @param scenarios        how many scenarios passed and failed, when the candidate compiled
 * @param errors           why it was refused, each with file, line and column where known
 * @param warnings         what does not keep it out but deserves a look
 * @param impact           for a reload that activated a new version: how many of the last decisions the new
 *                         version concludes differently from the previous one, computed after the activation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReloadReport(Status status, Trigger trigger, Instant at, long durationMillis, String candidateVersion,
                           String activeVersion, ScenarioCount scenarios, List<RulesetProblem> errors,
                           List<RulesetProblem> warnings, Impact impact) {

    public enum Status {
        ACTIVATED, UNCHANGED, REFUSED;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Trigger {
        /** The service's start. */
        START,
        /** {@code POST /api/v1/ruleset/reload}. */
        API,
        /** A change in the rules folder. */
        WATCH;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record ScenarioCount(long passed, long failed) {
    }

    /**
     * The impact of an activation on the last decisions, computed after it (it never delays one).
     *
     * @param status   {@code running}, then {@code done}, or {@code failed} when the decisions could not be read
     * @param compared decisions compared, once done
     * @param changed  of those, the decisions the new version concludes differently, once done
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Impact(ImpactStatus status, Long compared, Long changed) {

        public static Impact running() {
            return new Impact(ImpactStatus.RUNNING, null, null);
        }

        public static Impact done(long compared, long changed) {
            return new Impact(ImpactStatus.DONE, compared, changed);
        }

        public static Impact failed() {
            return new Impact(ImpactStatus.FAILED, null, null);
        }
    }

    public enum ImpactStatus {
        RUNNING, DONE, FAILED;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The same report with the impact of its activation. */
    public ReloadReport withImpact(Impact computed) {
        return new ReloadReport(status, trigger, at, durationMillis, candidateVersion, activeVersion, scenarios, errors,
                warnings, computed);
    }

    static ReloadReport of(Status status, Trigger trigger, Instant at, GateReport gate, String activeVersion) {
        ScenarioCount scenarios = gate.ruleset() == null ? null
                : new ScenarioCount(gate.scenariosPassed(), gate.scenariosFailed());
        return new ReloadReport(status, trigger, at, gate.duration().toMillis(), gate.candidateVersion(), activeVersion,
                scenarios, gate.errors(), gate.warnings(), null);
    }
}
