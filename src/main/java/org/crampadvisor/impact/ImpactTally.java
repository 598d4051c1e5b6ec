package org.crampadvisor.impact;

import org.crampadvisor.replay.AnswerDifference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts what changes, one decision at a time, in memory bounded whatever the number of decisions:
 * counters per kind, code and rule, and a fixed number of examples. One per worker thread; merged at
 * the end. Decisions are numbered newest first ({@code sequence} 0 is the newest), so that the
 * examples chosen do not depend on which thread handled which decision.
 */
final class ImpactTally {

    /** Distinct kinds of change remembered for the examples; beyond this, a new kind is only counted. */
    static final int MAX_SIGNATURES = 1_000;

    private record Numbered<T>(long sequence, T value) {
    }

    private static final Comparator<Numbered<?>> OLDEST_FIRST =
            Comparator.comparingLong((Numbered<?> n) -> n.sequence()).reversed();

    private final int examplesKept;
    private long compared;
    private long changed;
    private final Map<ImpactReport.Kind, Long> kinds = new EnumMap<>(ImpactReport.Kind.class);
    private final Map<String, long[]> causes = new TreeMap<>();
    private final Map<String, long[]> advice = new TreeMap<>();
    private final Map<String, long[]> withheld = new TreeMap<>();
    private final Map<String, long[]> rules = new TreeMap<>();
    private long unreadableRequest;
    private long activeFailed;
    private long candidateFailed;
    // Max-heaps on the sequence: the oldest is at the head, ready to give way to a newer one.
    private final PriorityQueue<Numbered<ImpactReport.Example>> newest = new PriorityQueue<>(OLDEST_FIRST);
    private final PriorityQueue<Numbered<String>> notComparedIds = new PriorityQueue<>(OLDEST_FIRST);
    private final Map<String, Numbered<ImpactReport.Example>> newestOfEachKind = new HashMap<>();

    ImpactTally(int examplesKept) {
        this.examplesKept = examplesKept;
    }

    enum Failure { UNREADABLE_REQUEST, ACTIVE_FAILED, CANDIDATE_FAILED }

    void compared(long sequence, String evaluationId, ImpactReport.Conclusions before, ImpactReport.Conclusions after,
                  AnswerDifference difference) {
        compared++;
        count(rules, difference.rulesFiredAdded(), 0);
        count(rules, difference.rulesFiredRemoved(), 1);
        if (difference.sameConclusions()) {
            return;
        }
        changed++;
        kind(ImpactReport.Kind.causeAdded, difference.causesAdded());
        kind(ImpactReport.Kind.causeRemoved, difference.causesRemoved());
        kind(ImpactReport.Kind.certaintyChanged, difference.certaintiesChanged());
        kind(ImpactReport.Kind.adviceAdded, difference.adviceAdded());
        kind(ImpactReport.Kind.adviceRemoved, difference.adviceRemoved());
        kind(ImpactReport.Kind.withheldAdded, difference.withheldAdded());
        kind(ImpactReport.Kind.withheldRemoved, difference.withheldRemoved());
        count(causes, difference.causesAdded(), 0);
        count(causes, difference.causesRemoved(), 1);
        count(causes, difference.certaintiesChanged().stream().map(AnswerDifference.CertaintyChange::cause).toList(), 2);
        count(advice, difference.adviceAdded(), 0);
        count(advice, difference.adviceRemoved(), 1);
        count(withheld, difference.withheldAdded(), 0);
        count(withheld, difference.withheldRemoved(), 1);

        Numbered<ImpactReport.Example> example = new Numbered<>(sequence,
                new ImpactReport.Example(evaluationId, before, after));
        keepNewest(newest, example);
        String signature = signature(difference);
        Numbered<ImpactReport.Example> known = newestOfEachKind.get(signature);
        if (known == null ? newestOfEachKind.size() < MAX_SIGNATURES : known.sequence() > sequence) {
            newestOfEachKind.put(signature, example);
        }
    }

    void notCompared(long sequence, String evaluationId, Failure failure) {
        switch (failure) {
            case UNREADABLE_REQUEST -> unreadableRequest++;
            case ACTIVE_FAILED -> activeFailed++;
            case CANDIDATE_FAILED -> candidateFailed++;
        }
        keepNewest(notComparedIds, new Numbered<>(sequence, evaluationId));
    }

    void merge(ImpactTally other) {
        compared += other.compared;
        changed += other.changed;
        other.kinds.forEach((kind, n) -> kinds.merge(kind, n, Long::sum));
        mergeCounts(causes, other.causes);
        mergeCounts(advice, other.advice);
        mergeCounts(withheld, other.withheld);
        mergeCounts(rules, other.rules);
        unreadableRequest += other.unreadableRequest;
        activeFailed += other.activeFailed;
        candidateFailed += other.candidateFailed;
        other.newest.forEach(example -> keepNewest(newest, example));
        other.notComparedIds.forEach(id -> keepNewest(notComparedIds, id));
        other.newestOfEachKind.forEach((signature, example) -> {
            Numbered<ImpactReport.Example> known = newestOfEachKind.get(signature);
            if (known == null || known.sequence() > example.sequence()) {
                newestOfEachKind.put(signature, example);
            }
        });
    }

    ImpactReport.ByChange byChange() {
        Map<ImpactReport.Kind, Long> allKinds = new EnumMap<>(ImpactReport.Kind.class);
        for (ImpactReport.Kind kind : ImpactReport.Kind.values()) {
            allKinds.put(kind, kinds.getOrDefault(kind, 0L));
        }
        Map<String, ImpactReport.CauseChanges> causeChanges = new TreeMap<>();
        causes.forEach((code, n) -> causeChanges.put(code, new ImpactReport.CauseChanges(n[0], n[1], n[2])));
        return new ImpactReport.ByChange(allKinds, causeChanges, changes(advice), changes(withheld), changes(rules));
    }

    /** One example of each distinct kind of change first (the newest of each), then the newest others; newest first. */
    List<ImpactReport.Example> examples() {
        List<Numbered<ImpactReport.Example>> ofEachKind = new ArrayList<>(newestOfEachKind.values());
        ofEachKind.sort(Comparator.comparingLong(Numbered::sequence));
        Set<Numbered<ImpactReport.Example>> chosen = new LinkedHashSet<>(
                ofEachKind.subList(0, Math.min(examplesKept, ofEachKind.size())));
        List<Numbered<ImpactReport.Example>> others = new ArrayList<>(newest);
        others.sort(Comparator.comparingLong(Numbered::sequence));
        for (Numbered<ImpactReport.Example> example : others) {
            if (chosen.size() >= examplesKept) {
                break;
            }
            chosen.add(example);
        }
        return chosen.stream().sorted(Comparator.comparingLong(Numbered::sequence)).map(Numbered::value).toList();
    }

    ImpactReport.NotCompared notCompared() {
        List<Numbered<String>> ids = new ArrayList<>(notComparedIds);
        ids.sort(Comparator.comparingLong(Numbered::sequence));
        return new ImpactReport.NotCompared(unreadableRequest, activeFailed, candidateFailed,
                ids.stream().map(Numbered::value).toList());
    }

    long compared() {
        return compared;
    }

    long changed() {
        return changed;
    }

    private <T> void keepNewest(PriorityQueue<Numbered<T>> kept, Numbered<T> candidate) {
        if (kept.size() < examplesKept) {
            kept.add(candidate);
        } else if (!kept.isEmpty() && kept.peek().sequence() > candidate.sequence()) {
            kept.poll();
            kept.add(candidate);
        }
    }

    private void kind(ImpactReport.Kind kind, List<?> changes) {
        if (!changes.isEmpty()) {
            kinds.merge(kind, 1L, Long::sum);
        }
    }

    private static void count(Map<String, long[]> counts, List<String> codes, int column) {
        for (String code : codes) {
            counts.computeIfAbsent(code, c -> new long[3])[column]++;
        }
    }

    private static void mergeCounts(Map<String, long[]> into, Map<String, long[]> from) {
        from.forEach((code, n) -> {
            long[] sum = into.computeIfAbsent(code, c -> new long[3]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += n[i];
            }
        });
    }

    private static Map<String, ImpactReport.Changes> changes(Map<String, long[]> counts) {
        Map<String, ImpactReport.Changes> result = new TreeMap<>();
        counts.forEach((code, n) -> result.put(code, new ImpactReport.Changes(n[0], n[1])));
        return result;
    }

    /** The change in conclusions, whichever rules fired: equal for two decisions that change the same way. */
    private static String signature(AnswerDifference d) {
        return String.join("|", d.causesAdded().toString(), d.causesRemoved().toString(),
                d.certaintiesChanged().toString(), d.adviceAdded().toString(), d.adviceRemoved().toString(),
                d.withheldAdded().toString(), d.withheldRemoved().toString());
    }
}
