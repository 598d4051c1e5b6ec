package org.crampadvisor.replay;

import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.model.Certainty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a later answer differs from an earlier one for the same facts: causes found or lost, certainties
 * changed, advice given or withdrawn, advice withheld or no longer withheld, rules that now fire or no
 * longer do.
 */
public record AnswerDifference(List<String> causesAdded, List<String> causesRemoved,
                               List<CertaintyChange> certaintiesChanged, List<String> adviceAdded,
                               List<String> adviceRemoved, List<String> withheldAdded, List<String> withheldRemoved,
                               List<String> rulesFiredAdded, List<String> rulesFiredRemoved) {

    public record CertaintyChange(String cause, Certainty from, Certainty to) {
    }

    /** True when the two answers conclude the same: same causes and certainties, advice, withheld advice and rules fired. */
    public boolean noChanges() {
        return sameConclusions() && rulesFiredAdded.isEmpty() && rulesFiredRemoved.isEmpty();
    }

    /** True when the conclusions are the same (causes and certainties, advice, withheld advice), whichever rules fired. */
    public boolean sameConclusions() {
        return causesAdded.isEmpty() && causesRemoved.isEmpty() && certaintiesChanged.isEmpty()
                && adviceAdded.isEmpty() && adviceRemoved.isEmpty() && withheldAdded.isEmpty()
                && withheldRemoved.isEmpty();
    }

    public static AnswerDifference between(Recommendation before, Recommendation after) {
        Map<String, Certainty> causesBefore = causes(before);
        Map<String, Certainty> causesAfter = causes(after);
        List<CertaintyChange> changed = new ArrayList<>();
        causesBefore.forEach((code, certainty) -> {
            Certainty now = causesAfter.get(code);
            if (now != null && now != certainty) {
                changed.add(new CertaintyChange(code, certainty, now));
            }
        });
        Set<String> adviceBefore = before.adviceCodes();
        Set<String> adviceAfter = after.adviceCodes();
        Set<String> withheldBefore = before.withheldCodes();
        Set<String> withheldAfter = after.withheldCodes();
        Set<String> rulesBefore = before.rulesFired();
        Set<String> rulesAfter = after.rulesFired();
        return new AnswerDifference(minus(causesAfter.keySet(), causesBefore.keySet()),
                minus(causesBefore.keySet(), causesAfter.keySet()), changed,
                minus(adviceAfter, adviceBefore), minus(adviceBefore, adviceAfter),
                minus(withheldAfter, withheldBefore), minus(withheldBefore, withheldAfter),
                minus(rulesAfter, rulesBefore), minus(rulesBefore, rulesAfter));
    }

    private static Map<String, Certainty> causes(Recommendation answer) {
        Map<String, Certainty> causes = new TreeMap<>();
        answer.causes().forEach(c -> causes.put(c.code().name(), c.certainty()));
        return causes;
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        List<String> result = new ArrayList<>();
        for (String item : a) {
            if (!b.contains(item)) {
                result.add(item);
            }
        }
        return result;
    }
}
