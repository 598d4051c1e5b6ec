package org.crampadvisor.impact;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.model.Certainty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a candidate ruleset would change in the audited decisions of a window, compared with the active
 * version: conclusion codes, rule names and evaluation ids only, never a patient's facts (opening a
 * decision needs the auditor role).
 *
 * @param candidateVersion the version of the folder previewed
 * @param activeVersion    the version it was compared with
 * @param since            the start of the window; decisions at or after it, newest first
 * @param limit            the most decisions the window was allowed to hold
 * @param compared         decisions whose stored facts were evaluated on both versions
 * @param changed          of those, the decisions the candidate concludes differently (causes and certainty,
 *                         advice, withheld advice; not which rules fired)
 * @param byChange         how they change
 * @param examples         changed decisions to open, newest first: every distinct kind of change first, then the
 *                         newest others
 * @param notCompared      decisions that could not be compared, and why
 * @param durationMillis   how long the comparison took
 */
@Schema(description = "What the rules folder on disk would change in the audited decisions of the window, against "
        + "the active version: conclusion codes, rule names and evaluation ids only, never a patient's facts")
public record ImpactReport(String candidateVersion, String activeVersion, Instant since, int limit, long compared,
                           long changed, ByChange byChange, List<Example> examples, NotCompared notCompared,
                           long durationMillis) {

    /**
     * @param kinds    per kind of change, how many decisions have at least one change of that kind
     * @param causes   per cause code, in how many changed decisions the candidate adds it, removes it or changes its
     *                 certainty
     * @param advice   per advice code, in how many changed decisions the candidate gives it (added) or no longer
     *                 gives it (removed)
     * @param withheld per advice code, in how many changed decisions the candidate withholds it (added) or no longer
     *                 withholds it (removed)
     * @param rules    per rule name, in how many compared decisions it fires on the candidate only (added) or on
     *                 the active version only (removed); counted over every compared decision, so a renamed rule
     *                 shows here without changing any decision
     */
    public record ByChange(Map<Kind, Long> kinds, Map<String, CauseChanges> causes, Map<String, Changes> advice,
                           Map<String, Changes> withheld, Map<String, Changes> rules) {
    }

    /** The kinds of change a decision can have; a decision may have several. */
    public enum Kind {
        causeAdded, causeRemoved, certaintyChanged, adviceAdded, adviceRemoved, withheldAdded, withheldRemoved
    }

    public record Changes(long added, long removed) {
    }

    public record CauseChanges(long added, long removed, long certaintyChanged) {
    }

    /** A changed decision: its id, and what the active version and the candidate conclude on its facts. */
    public record Example(String evaluationId,
                          @Schema(description = "the conclusions of the active version") Conclusions before,
                          @Schema(description = "the conclusions of the candidate") Conclusions after) {
    }

    /** The conclusions of one answer, as codes: causes with their certainty, advice given, advice withheld. */
    public record Conclusions(
            @Schema(description = "cause code to certainty (likely or possible)",
                    example = "{\"ELECTROLYTE_IMBALANCE\": \"likely\"}") Map<String, Certainty> causes,
            List<String> advice, List<String> withheld) {

        static Conclusions of(Recommendation answer) {
            Map<String, Certainty> causes = new TreeMap<>();
            answer.causes().forEach(cause -> causes.put(cause.code().name(), cause.certainty()));
            return new Conclusions(causes, answer.adviceCodes().stream().sorted().toList(),
                    answer.withheldCodes().stream().sorted().toList());
        }
    }

    /**
     * Decisions handled but not compared.
     *
     * @param unreadableRequest stored requests that no longer read as a request
     * @param activeFailed      decisions the active version could not evaluate
     * @param candidateFailed   decisions the candidate could not evaluate (for instance a rule that keeps firing):
     *                          the candidate would answer them with an error
     * @param evaluationIds     the newest of them, to open
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NotCompared(long unreadableRequest, long activeFailed, long candidateFailed,
                              List<String> evaluationIds) {

        public long total() {
            return unreadableRequest + activeFailed + candidateFailed;
        }
    }
}
