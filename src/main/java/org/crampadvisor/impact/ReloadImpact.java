package org.crampadvisor.impact;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.lifecycle.ReloadReport;
import org.crampadvisor.lifecycle.RulesReloader;
import org.crampadvisor.lifecycle.RulesetActivated;
import org.jboss.logging.Logger;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * After a reload activates a new version, compares it with the version it replaced over the last 1,000
 * decisions and puts the counts into {@code lastReload.impact}. It runs on a thread of its own after
 * the swap, so the activation never waits for it; a newer activation cancels it.
 */
@ApplicationScoped
public class ReloadImpact {

    private static final Logger LOG = Logger.getLogger(ReloadImpact.class);
    /** The decisions an activation is compared over. */
    public static final int DECISIONS = 1_000;

    private final RulesReloader reloader;
    private final AuditRepository repository;
    // One thread, no examples: a summary, and the cores stay with the evaluations.
    private final ImpactPreview preview;
    private final AtomicReference<ImpactProgress> current = new AtomicReference<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "reload-impact");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CompletableFuture<ReloadReport.Impact> last = CompletableFuture.completedFuture(null);

    ReloadImpact(RulesReloader reloader, AuditRepository repository, ObjectMapper json) {
        this.reloader = reloader;
        this.repository = repository;
        this.preview = new ImpactPreview(json, 1, 0);
    }

    void activated(@Observes RulesetActivated activation) {
        ImpactProgress progress = new ImpactProgress();
        ImpactProgress superseded = current.getAndSet(progress);
        if (superseded != null) {
            superseded.cancel();
        }
        reloader.recordImpact(activation.report(), ReloadReport.Impact.running());
        last = CompletableFuture.supplyAsync(() -> compute(activation, progress), executor);
    }

    /** The computation started by the last activation; completes with its impact, or null when superseded. */
    public CompletableFuture<ReloadReport.Impact> lastComputation() {
        return last;
    }

    void stop(@Observes ShutdownEvent event) {
        ImpactProgress running = current.get();
        if (running != null) {
            running.cancel();
        }
        executor.shutdown();
    }

    private ReloadReport.Impact compute(RulesetActivated activation, ImpactProgress progress) {
        ReloadReport.Impact impact;
        try {
            ImpactReport report = preview.compare(activation.current(), activation.previous(),
                    AuditedDecisions.of(repository), null, DECISIONS, progress);
            impact = ReloadReport.Impact.done(report.compared(), report.changed());
            LOG.infof("Impact of activating %s: of the last %d decisions, %d would now be concluded differently than by %s",
                    activation.current().version(), report.compared(), report.changed(), activation.previous().version());
        } catch (CancellationException e) {
            return null; // a newer activation has its own
        } catch (RuntimeException e) {
            LOG.warnf("The impact of activating %s could not be computed (%s)", activation.current().version(),
                    e.getClass().getName());
            impact = ReloadReport.Impact.failed();
        } finally {
            current.compareAndSet(progress, null);
        }
        reloader.recordImpact(activation.report(), impact);
        return impact;
    }
}
