package org.crampadvisor.impact;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.replay.AnswerDifference;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The impact preview: re-evaluates the stored facts of each audited decision of a window on a candidate
 * ruleset and on the active one, and counts how the conclusions differ (causes and certainty, advice,
 * withheld advice; not which rules fired, so a renamed rule changes nothing). Plain Java, so that the
 * service and the command line run the same preview.
 *
 * <p>The decisions are streamed from the store one at a time, through a small queue, to worker threads
 * that each keep their own bounded tally: memory does not grow with the number of decisions. The caller
 * gates the candidate first ({@link org.crampadvisor.lifecycle.RulesetGate}); a preview never runs a
 * folder the service would refuse.
 */
public final class ImpactPreview {

    /** The most decisions one preview compares. */
    public static final int MAX_DECISIONS = AuditRepository.MAX_STREAM;
    /** The window when none is given. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    /** The changed decisions a report names. */
    public static final int EXAMPLES = 20;

    private static final UUID NO_ID = new UUID(0, 0);
    private static final int QUEUED_PER_WORKER = 64;
    private static final long POLL_MILLIS = 50;

    private final ObjectMapper json;
    private final int threads;
    private final int examplesKept;

    /**
     * @param json    reads the stored requests (strictly, as the service does)
     * @param threads worker threads; 1 evaluates on the caller's thread
     */
    public ImpactPreview(ObjectMapper json, int threads) {
        this(json, threads, EXAMPLES);
    }

    ImpactPreview(ObjectMapper json, int threads, int examplesKept) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one thread: " + threads);
        }
        this.json = json;
        this.threads = threads;
        this.examplesKept = examplesKept;
    }

    /**
     * Compares the decisions with {@code evaluatedAt >= since}, newest first, at most {@code limit}.
     *
     * @throws CancellationException when {@code progress} was cancelled before the end
     */
    public ImpactReport compare(Ruleset candidate, Ruleset active, AuditedDecisions decisions, Instant since,
                                int limit, ImpactProgress progress) {
        if (limit < 0 || limit > MAX_DECISIONS) {
            throw new IllegalArgumentException("limit must be 0 to " + MAX_DECISIONS + ": " + limit);
        }
        long started = System.nanoTime();
        progress.total(Math.min(limit, decisions.countSince(since)));
        ImpactTally tally = threads == 1 ? onThisThread(candidate, active, decisions, since, limit, progress)
                : onWorkers(candidate, active, decisions, since, limit, progress);
        return new ImpactReport(candidate.version(), active.version(), since, limit, tally.compared(), tally.changed(),
                tally.byChange(), tally.examples(), tally.notCompared(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private ImpactTally onThisThread(Ruleset candidate, Ruleset active, AuditedDecisions decisions, Instant since,
                                     int limit, ImpactProgress progress) {
        Comparison comparison = new Comparison(candidate, active, progress);
        long[] sequence = {0};
        decisions.stream(since, limit, stored -> {
            stopIfCancelled(progress);
            comparison.compare(sequence[0]++, stored);
        });
        stopIfCancelled(progress);
        return comparison.tally;
    }

    private record Queued(long sequence, AuditRepository.StoredEvaluation stored) {
    }

    private ImpactTally onWorkers(Ruleset candidate, Ruleset active, AuditedDecisions decisions, Instant since,
                                  int limit, ImpactProgress progress) {
        BlockingQueue<Queued> queue = new ArrayBlockingQueue<>(threads * QUEUED_PER_WORKER);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean streamed = new AtomicBoolean();
        List<Comparison> comparisons = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Comparison comparison = new Comparison(candidate, active, progress);
            comparisons.add(comparison);
            Thread worker = new Thread(() -> {
                try {
                    while (failure.get() == null && !progress.isCancelled()) {
                        Queued next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                        if (next != null) {
                            comparison.compare(next.sequence(), next.stored());
                        } else if (streamed.get()) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    progress.cancel();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "impact-preview-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        try {
            long[] sequence = {0};
            decisions.stream(since, limit, stored -> {
                Queued item = new Queued(sequence[0]++, stored);
                try {
                    while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        stopIfFailedOrCancelled(failure, progress);
                    }
                } catch (InterruptedException e) {
                    progress.cancel();
                }
                stopIfFailedOrCancelled(failure, progress);
            });
        } finally {
            streamed.set(true);
            joinAll(workers, progress);
        }
        stopIfFailedOrCancelled(failure, progress);
        ImpactTally tally = new ImpactTally(examplesKept);
        comparisons.forEach(c -> tally.merge(c.tally));
        return tally;
    }

    /** One worker's share: its own evaluator and tally, so workers share nothing but the queue. */
    private final class Comparison {
        private final Ruleset candidate;
        private final Ruleset active;
        private final ImpactProgress progress;
        private final Evaluator evaluator = new Evaluator(Clock.systemUTC(), () -> NO_ID);
        final ImpactTally tally = new ImpactTally(examplesKept);

        Comparison(Ruleset candidate, Ruleset active, ImpactProgress progress) {
            this.candidate = candidate;
            this.active = active;
            this.progress = progress;
        }

        void compare(long sequence, AuditRepository.StoredEvaluation stored) {
            String id = stored.evaluationId().toString();
            try {
                EvaluationRequest request;
                try {
                    request = json.readValue(stored.requestJson(), EvaluationRequest.class);
                } catch (JacksonException e) {
                    tally.notCompared(sequence, id, ImpactTally.Failure.UNREADABLE_REQUEST);
                    return;
                }
                Recommendation before;
                try {
                    before = evaluator.evaluate(request, active);
                } catch (RuntimeException e) {
                    tally.notCompared(sequence, id, ImpactTally.Failure.ACTIVE_FAILED);
                    return;
                }
                Recommendation after;
                try {
                    after = evaluator.evaluate(request, candidate);
                } catch (RuntimeException e) {
                    tally.notCompared(sequence, id, ImpactTally.Failure.CANDIDATE_FAILED);
                    return;
                }
                tally.compared(sequence, id, ImpactReport.Conclusions.of(before), ImpactReport.Conclusions.of(after),
                        AnswerDifference.between(before, after));
            } finally {
                progress.handledOne();
            }
        }
    }

    private static void stopIfCancelled(ImpactProgress progress) {
        if (progress.isCancelled()) {
            throw new CancellationException("the impact preview was cancelled");
        }
    }

    private static void stopIfFailedOrCancelled(AtomicReference<Throwable> failure, ImpactProgress progress) {
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw new IllegalStateException("an impact preview worker failed", failed);
        }
        stopIfCancelled(progress);
    }

    private static void joinAll(List<Thread> workers, ImpactProgress progress) {
        for (Thread worker : workers) {
            boolean interrupted = false;
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    progress.cancel(); // the workers see it within one poll and stop
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
