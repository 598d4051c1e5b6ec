package org.crampadvisor.impact;

import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.engine.Ruleset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's previews: the gate first, one at a time, cancelled on request, readable once ended. */
class ImpactJobsTest {

    private static final Ruleset ACTIVE = RulesFolderFixture.ruleset();
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
    private static final Duration AT_MOST = Duration.ofSeconds(60);

    private final DecisionLog log = DecisionLog.create("jobs");

    @AfterEach
    void deleteTheLog() {
        log.delete();
    }

    /** Decisions whose store blocks after the first until the test lets it go on. */
    private static final class HeldDecisions implements AuditedDecisions {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch goOn = new CountDownLatch(1);
        private final AuditedDecisions decisions;

        HeldDecisions(AuditedDecisions decisions) {
            this.decisions = decisions;
        }

        @Override
        public long countSince(Instant since) {
            return decisions.countSince(since);
        }

        @Override
        public int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each) {
            return decisions.stream(since, limit, stored -> {
                reading.countDown();
                try {
                    if (!goOn.await(AT_MOST.toSeconds(), TimeUnit.SECONDS)) {
                        throw new AssertionError("the test never let the preview go on");
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                each.accept(stored);
            });
        }
    }

    private ImpactJobs jobs(Path folder, AuditedDecisions decisions) {
        return new ImpactJobs(() -> ACTIVE, folder, decisions, new ImpactPreview(DecisionLog.JSON, 2));
    }

    @Test
    void shouldRunOnePreviewAtATimeAndStopOneThatIsCancelled() throws Exception {
        log.add("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.45, \"unit\": \"mmol/L\"}]}", ACTIVE, START);
        log.add("{}", ACTIVE, START.plusSeconds(1));
        log.commit();
        HeldDecisions held = new HeldDecisions(log.decisions());
        ImpactJobs jobs = jobs(Candidates.potassiumLowAt3point4(), held);

        ImpactJob first = ((ImpactJobs.Accepted) jobs.start(START, 1000)).job();
        assertThat(held.reading.await(AT_MOST.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(first.view().status()).isEqualTo(ImpactJob.Status.RUNNING);
        assertThat(first.view().total()).isEqualTo(2);
        assertThat(first.view().report()).isNull();

        assertThat(jobs.start(START, 1000)).isEqualTo(new ImpactJobs.Busy(first));

        assertThat(jobs.cancel(first.id())).contains(first);
        held.goOn.countDown();
        assertThat(first.awaitEnd(AT_MOST)).isTrue();
        assertThat(first.view().status()).isEqualTo(ImpactJob.Status.CANCELLED);
        assertThat(first.view().finishedAt()).isNotNull();
        assertThat(jobs.find(first.id())).contains(first);

        ImpactJob second = ((ImpactJobs.Accepted) jobs.start(START, 1000)).job();
        assertThat(second.awaitEnd(AT_MOST)).isTrue();
        ImpactJob.View done = second.view();
        assertThat(done.status()).isEqualTo(ImpactJob.Status.DONE);
        assertThat(done.compared()).isEqualTo(2);
        assertThat(done.total()).isEqualTo(2);
        assertThat(done.report().changed()).isEqualTo(1);
        assertThat(done.candidateVersion()).isEqualTo(done.report().candidateVersion()).isNotEqualTo(ACTIVE.version());
        assertThat(done.activeVersion()).isEqualTo(ACTIVE.version());
        // Cancelling a preview that has ended keeps its outcome.
        jobs.cancel(second.id());
        assertThat(second.view().status()).isEqualTo(ImpactJob.Status.DONE);
    }

    @Test
    void shouldRefuseAFolderWithASyntaxErrorWithTheGatesProblemsAndCompareNothing() {
        log.add("{}", ACTIVE, START);
        log.commit();
        Path broken = Candidates.copy("syntax-error");
        RulesFolderCopy.replace(broken, "causes/electrolyte-imbalance.drl",
                "$lab   : LabResult( analyte == \"potassium\", canonicalValue < $limit.value )\n",
                "$lab   : LabResult( analyte == \"potassium\", canonicalValue < $limit.value\n");
        int[] read = {0};
        ImpactJobs jobs = jobs(broken, new AuditedDecisions() {
            @Override
            public long countSince(Instant since) {
                read[0]++;
                return log.decisions().countSince(since);
            }

            @Override
            public int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each) {
                read[0]++;
                return log.decisions().stream(since, limit, each);
            }
        });

        ImpactJobs.Started started = jobs.start(START, 1000);

        assertThat(started).isInstanceOf(ImpactJobs.Refused.class);
        ImpactJobs.Refused refused = (ImpactJobs.Refused) started;
        assertThat(refused.activeVersion()).isEqualTo(ACTIVE.version());
        assertThat(refused.gate().errors()).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.check().code()).isEqualTo("compile");
            assertThat(problem.file()).isEqualTo("causes/electrolyte-imbalance.drl");
        });
        assertThat(read[0]).as("the audit log is not read for a refused folder").isZero();
        // The slot is free again.
        assertThat(jobs.start(START, 1000)).isInstanceOf(ImpactJobs.Refused.class);
    }
}
