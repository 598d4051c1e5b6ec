package org.crampadvisor.impact;

import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.model.Certainty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The preview over an audit log built here, with facts on both sides of the potassium limit: a threshold
 * edit changes exactly the decisions between the old and the new limit, an edit of wording changes none.
 */
class ImpactPreviewTest {

    private static final Ruleset ACTIVE = RulesFolderFixture.ruleset();
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
    /** Every decision of the log, oldest first, by what its facts say. */
    private static final Map<String, UUID> DECISIONS = new LinkedHashMap<>();
    /** The decisions the limit moving from 3.5 to 3.4 mmol/L changes: potassium from 3.4 up to, not including, 3.5. */
    private static final List<String> BETWEEN_THE_LIMITS = List.of("K 3.4", "K 3.45", "K 3.49", "K 3.42 mEq/L",
            "K 3.45 with Lasix");

    private static DecisionLog log;
    private static Ruleset potassiumAt3point4;

    @BeforeAll
    static void recordDecisions() {
        log = DecisionLog.create("preview");
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("nothing known", "{}");
        for (String value : List.of("3.0", "3.3", "3.39", "3.4", "3.45", "3.49", "3.5", "3.6", "4.2", "5.2")) {
            requests.put("K " + value, lab("potassium", value, "mmol/L"));
        }
        requests.put("K 3.38 mEq/L", lab("potassium", "3.38", "mEq/L"));
        requests.put("K 3.42 mEq/L", lab("potassium", "3.42", "mEq/L"));
        requests.put("K 3.45 with Lasix", "{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.45, \"unit\": \"mmol/L\"}], "
                + "\"medications\": [{\"name\": \"Lasix\"}]}");
        requests.put("Na 130", lab("sodium", "130", "mmol/L"));
        requests.put("intense, no warm-up", "{\"activity\": {\"intensity\": \"intense\", \"warmsUp\": false}}");
        int second = 0;
        for (Map.Entry<String, String> request : requests.entrySet()) {
            DECISIONS.put(request.getKey(), log.add(request.getValue(), ACTIVE, START.plusSeconds(second++)));
        }
        log.commit();
        potassiumAt3point4 = Candidates.passingGate(Candidates.potassiumLowAt3point4());
    }

    @AfterAll
    static void deleteTheLog() {
        log.delete();
    }

    private static String lab(String analyte, String value, String unit) {
        return "{\"labs\": [{\"analyte\": \"" + analyte + "\", \"value\": " + value + ", \"unit\": \"" + unit + "\"}]}";
    }

    private static ImpactReport preview(Ruleset candidate, int threads) {
        return new ImpactPreview(DecisionLog.JSON, threads, 50).compare(candidate, ACTIVE, log.decisions(), START, 1000,
                new ImpactProgress());
    }

    private static List<String> ids(List<String> labels) {
        return labels.stream().map(label -> DECISIONS.get(label).toString()).toList();
    }

    @Test
    void shouldChangeExactlyTheDecisionsBetweenTheOldAndTheNewPotassiumLimit() {
        ImpactReport report = preview(potassiumAt3point4, 2);

        assertThat(report.candidateVersion()).isEqualTo(potassiumAt3point4.version()).isNotEqualTo(ACTIVE.version());
        assertThat(report.activeVersion()).isEqualTo(ACTIVE.version());
        assertThat(report.compared()).isEqualTo(DECISIONS.size());
        assertThat(report.changed()).isEqualTo(BETWEEN_THE_LIMITS.size());
        assertThat(report.examples()).extracting(ImpactReport.Example::evaluationId)
                .containsExactlyInAnyOrderElementsOf(ids(BETWEEN_THE_LIMITS));

        ImpactReport.Example plain = example(report, "K 3.45");
        assertThat(plain.before().causes()).containsExactly(Map.entry("ELECTROLYTE_IMBALANCE", Certainty.LIKELY));
        assertThat(plain.before().advice()).containsExactly("BALANCED_DIET", "CONSULT_PROFESSIONAL", "HYDRATE");
        assertThat(plain.after().causes()).isEmpty();
        assertThat(plain.after().advice()).containsExactly("BALANCED_DIET", "HYDRATE", "LOW_IMPACT_EXERCISE");
        ImpactReport.Example withLasix = example(report, "K 3.45 with Lasix");
        assertThat(withLasix.after().causes()).containsEntry("ELECTROLYTE_IMBALANCE", Certainty.POSSIBLE)
                .containsEntry("MEDICATION_OR_SUBSTANCE", Certainty.LIKELY);

        ImpactReport.ByChange by = report.byChange();
        assertThat(by.kinds()).containsEntry(ImpactReport.Kind.causeRemoved, 4L)
                .containsEntry(ImpactReport.Kind.certaintyChanged, 1L)
                .containsEntry(ImpactReport.Kind.adviceAdded, 4L)
                .containsEntry(ImpactReport.Kind.adviceRemoved, 5L)
                .containsEntry(ImpactReport.Kind.causeAdded, 0L)
                .containsEntry(ImpactReport.Kind.withheldAdded, 0L);
        assertThat(by.causes()).containsOnly(Map.entry("ELECTROLYTE_IMBALANCE", new ImpactReport.CauseChanges(0, 4, 1)));
        assertThat(by.advice()).containsOnly(Map.entry("CONSULT_PROFESSIONAL", new ImpactReport.Changes(0, 5)),
                Map.entry("LOW_IMPACT_EXERCISE", new ImpactReport.Changes(4, 0)));
        assertThat(by.withheld()).isEmpty();
        assertThat(by.rules()).containsEntry(Candidates.POTASSIUM_RULE, new ImpactReport.Changes(0, 5))
                .containsEntry("General prevention when no cause is found", new ImpactReport.Changes(4, 0));
        assertThat(report.notCompared().total()).isZero();
    }

    @Test
    void shouldGiveTheSameReportWhateverTheNumberOfThreads() {
        ImpactReport onOne = preview(potassiumAt3point4, 1);
        ImpactReport onThree = preview(potassiumAt3point4, 3);

        assertThat(onThree).usingRecursiveComparison().ignoringFields("durationMillis").isEqualTo(onOne);
        assertThat(onOne.examples()).extracting(ImpactReport.Example::evaluationId)
                .as("newest first").containsExactlyElementsOf(ids(BETWEEN_THE_LIMITS.stream()
                        .sorted((a, b) -> DECISIONS.get(b).compareTo(DECISIONS.get(a))).toList()));
    }

    @Test
    void shouldChangeNoConclusionWhenAnEditOnlyChangesWording() {
        Ruleset reworded = Candidates.passingGate(Candidates.rewordedOnly());

        ImpactReport report = preview(reworded, 2);

        assertThat(report.candidateVersion()).isNotEqualTo(ACTIVE.version());
        assertThat(report.compared()).isEqualTo(DECISIONS.size());
        assertThat(report.changed()).isZero();
        assertThat(report.examples()).isEmpty();
        assertThat(report.byChange().kinds().values()).containsOnly(0L);
        // The renamed rule fires where it fired before: a difference in firing, not in any decision.
        long lowPotassium = List.of("K 3.0", "K 3.3", "K 3.39", "K 3.4", "K 3.45", "K 3.49", "K 3.38 mEq/L",
                "K 3.42 mEq/L", "K 3.45 with Lasix").size();
        assertThat(report.byChange().rules()).containsOnly(
                Map.entry(Candidates.POTASSIUM_RULE, new ImpactReport.Changes(0, lowPotassium)),
                Map.entry("Serum potassium below the lower limit", new ImpactReport.Changes(lowPotassium, 0)));
    }

    @Test
    void shouldCompareTheNewestDecisionsOfTheWindowUpToTheLimit() {
        List<UUID> newestFirst = new ArrayList<>(DECISIONS.values());
        java.util.Collections.reverse(newestFirst);
        List<String> handedOver = new ArrayList<>();
        AuditedDecisions watched = log.decisions().peek(stored -> handedOver.add(stored.evaluationId().toString()));

        ImpactReport limited = new ImpactPreview(DecisionLog.JSON, 1).compare(potassiumAt3point4, ACTIVE, watched, START,
                4, new ImpactProgress());
        assertThat(limited.compared()).isEqualTo(4);
        assertThat(handedOver).containsExactlyElementsOf(newestFirst.subList(0, 4).stream().map(UUID::toString).toList());

        // The three recorded last: potassium 3.45 with Lasix (which changes), sodium 130, intense activity.
        ImpactReport recent = new ImpactPreview(DecisionLog.JSON, 2).compare(potassiumAt3point4, ACTIVE, log.decisions(),
                START.plusSeconds(DECISIONS.size() - 3), 1000, new ImpactProgress());
        assertThat(recent.compared()).isEqualTo(3);
        assertThat(recent.changed()).isEqualTo(1);
        assertThat(recent.examples()).extracting(ImpactReport.Example::evaluationId)
                .containsExactly(DECISIONS.get("K 3.45 with Lasix").toString());
        assertThat(recent.since()).isEqualTo(START.plusSeconds(DECISIONS.size() - 3));
    }

    @Test
    void shouldSetDecisionsTheCandidateCannotEvaluateApartAndGoOn() throws Exception {
        // A rule that keeps re-triggering itself for a potassium below 3.35 mmol/L: no scenario has one.
        Path folder = Candidates.copy("looping");
        RulesFolderCopy.replace(folder, "causes/electrolyte-imbalance.drl", "rule \"High serum potassium\"", """
                rule "Very low serum potassium, re-examined forever"
                    @description("A rule with a mistake: it updates the fact it matched, so it matches again.")
                    @source("Electrolyte Imbalance")
                when
                    $lab : LabResult( analyte == "potassium", canonicalValue < 3.35 )
                then
                    update( $lab );
                end

                rule "High serum potassium\"""");
        Ruleset looping = new RulesetCompiler().compile(folder);
        DecisionLog withUnreadable = DecisionLog.create("unreadable");
        try {
            withUnreadable.add(lab("potassium", "3.0", "mmol/L"), ACTIVE, START);
            UUID unreadable = withUnreadable.addUnreadable("{\"labs\": [{\"analyte\": \"potassium\", \"reading\": 3.1}]}",
                    ACTIVE, START.plusSeconds(1));
            withUnreadable.add(lab("potassium", "3.45", "mmol/L"), ACTIVE, START.plusSeconds(2));
            withUnreadable.add(lab("potassium", "4.0", "mmol/L"), ACTIVE, START.plusSeconds(3));
            withUnreadable.commit();

            ImpactReport report = new ImpactPreview(DecisionLog.JSON, 2).compare(looping, ACTIVE,
                    withUnreadable.decisions(), START, 1000, new ImpactProgress());

            assertThat(report.compared()).isEqualTo(2);
            assertThat(report.changed()).isZero();
            assertThat(report.notCompared().candidateFailed()).isEqualTo(1);
            assertThat(report.notCompared().unreadableRequest()).isEqualTo(1);
            assertThat(report.notCompared().activeFailed()).isZero();
            assertThat(report.notCompared().evaluationIds()).hasSize(2).contains(unreadable.toString());
            assertThat(ImpactText.of(report)).contains("1 the candidate could not evaluate: it would answer them with an error");
        } finally {
            withUnreadable.delete();
        }
    }

    @Test
    void shouldStopWhenCancelled() {
        for (int threads : new int[] {1, 2}) {
            ImpactProgress progress = new ImpactProgress();
            int[] handedOver = {0};
            AuditedDecisions cancelledAtTheThird = log.decisions().peek(stored -> {
                if (++handedOver[0] == 3) {
                    progress.cancel();
                }
            });

            assertThatThrownBy(() -> new ImpactPreview(DecisionLog.JSON, threads).compare(potassiumAt3point4, ACTIVE,
                    cancelledAtTheThird, START, 1000, progress)).isInstanceOf(CancellationException.class);
            assertThat(handedOver[0]).as("the store stops being read on %d thread(s)", threads).isEqualTo(3);
            assertThat(progress.handled()).isLessThanOrEqualTo(3);
        }
    }

    /** Streaming, not loading: the store is never asked for a decision far ahead of the comparisons. */
    @Test
    void shouldNeverReadFarAheadOfTheComparisons() {
        int threads = 2;
        ImpactProgress progress = new ImpactProgress();
        long[] furthestAhead = {0};
        long[] between = {0};
        List<String> changing = ids(BETWEEN_THE_LIMITS);
        AuditedDecisions repeated = new AuditedDecisions() {
            @Override
            public long countSince(Instant since) {
                return 2_000;
            }

            @Override
            public int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each) {
                List<AuditRepository.StoredEvaluation> all = new ArrayList<>();
                log.decisions().stream(since, limit, all::add);
                for (int read = 0; read < 2_000; read++) {
                    furthestAhead[0] = Math.max(furthestAhead[0], read - progress.handled());
                    AuditRepository.StoredEvaluation next = all.get(read % all.size());
                    between[0] += changing.contains(next.evaluationId().toString()) ? 1 : 0;
                    each.accept(next);
                }
                return 2_000;
            }
        };

        ImpactReport report = new ImpactPreview(DecisionLog.JSON, threads).compare(potassiumAt3point4, ACTIVE, repeated,
                START, 2_000, progress);

        assertThat(report.compared()).isEqualTo(2_000);
        assertThat(report.changed()).isEqualTo(between[0]);
        // The queue holds 64 a worker, and each worker has one in hand.
        assertThat(furthestAhead[0]).isLessThanOrEqualTo(threads * 64L + threads);
        assertThat(report.examples()).hasSize(ImpactPreview.EXAMPLES);
    }

    private static ImpactReport.Example example(ImpactReport report, String label) {
        String id = DECISIONS.get(label).toString();
        return report.examples().stream().filter(e -> e.evaluationId().equals(id)).findFirst().orElseThrow();
    }
}
