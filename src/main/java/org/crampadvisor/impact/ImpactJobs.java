package org.crampadvisor.impact;

import org.crampadvisor.logging.StackTraces;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.audit.AuditUnavailableException;
import org.crampadvisor.config.AdvisorConfig;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.lifecycle.GateReport;
import org.crampadvisor.lifecycle.RulesetGate;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The service's impact previews: the rules folder on disk is checked by the same gate as a reload, then
 * compared with the active version over the audited decisions of a window, in the background. One
 * preview at a time (each one uses every core it is given); the last few stay readable with their
 * reports. A preview never activates anything.
 */
@ApplicationScoped
public class ImpactJobs {

    private static final Logger LOG = Logger.getLogger(ImpactJobs.class);
    /** Ended previews kept for GET; the oldest ended one gives way. */
    public static final int JOBS_KEPT = 10;

    /** What asking for a preview led to. */
    public sealed interface Started permits Accepted, Busy, Refused {
    }

    /** The preview runs (or has already ended). */
    public record Accepted(ImpactJob job) implements Started {
    }

    /** Another preview is running; one at a time. */
    public record Busy(ImpactJob running) implements Started {
    }

    /** The rules folder did not pass the gate: nothing was compared. */
    public record Refused(GateReport gate, String activeVersion) implements Started {
    }

    private final Supplier<Ruleset> activeRuleset;
    private final Path rulesFolder;
    private final AuditedDecisions decisions;
    private final ImpactPreview preview;
    private final RulesetGate gate = new RulesetGate();
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<ImpactJob> running = new AtomicReference<>();
    private final Map<UUID, ImpactJob> jobs = new LinkedHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "impact-preview");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    ImpactJobs(ActiveRuleset activeRuleset, AuditRepository repository, ObjectMapper json, AdvisorConfig config) {
        this(activeRuleset::get, activeRuleset.rulesFolder(), AuditedDecisions.of(repository), new ImpactPreview(json,
                config.impact().threads().orElse(Runtime.getRuntime().availableProcessors())));
    }

    ImpactJobs(Supplier<Ruleset> activeRuleset, Path rulesFolder, AuditedDecisions decisions, ImpactPreview preview) {
        this.activeRuleset = activeRuleset;
        this.rulesFolder = rulesFolder;
        this.decisions = decisions;
        this.preview = preview;
    }

    /**
     * Checks the rules folder as it is on disk and, if it passes, starts comparing it with the active
     * version over the decisions with {@code evaluatedAt >= since}, newest first, at most {@code limit}.
     * The check runs on the caller's thread, so a refused folder is known when this returns.
     */
    public Started start(Instant since, int limit) {
        ImpactJob job = new ImpactJob(UUID.randomUUID(), since, limit, clock.instant());
        ImpactJob other;
        while (!running.compareAndSet(null, job)) {
            if ((other = running.get()) != null) {
                return new Busy(other);
            }
        }
        remember(job);
        try {
            Ruleset active = activeRuleset.get();
            GateReport checked = gate.check(rulesFolder, active);
            if (!checked.passed()) {
                running.compareAndSet(job, null);
                job.refused(checked.candidateVersion(), active.version(), checked.errors(), clock.instant());
                return new Refused(checked, active.version());
            }
            job.comparing(checked.candidateVersion(), active.version());
            runner.execute(() -> run(job, checked.ruleset(), active));
            return new Accepted(job);
        } catch (RuntimeException | Error e) {
            running.compareAndSet(job, null);
            job.failed("the preview could not be started", clock.instant());
            throw e;
        }
    }

    public Optional<ImpactJob> find(UUID id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /** Asks a running preview to stop; it stops within a few decisions. */
    public Optional<ImpactJob> cancel(UUID id) {
        Optional<ImpactJob> job = find(id);
        job.ifPresent(found -> found.progress().cancel());
        return job;
    }

    void stop(@Observes ShutdownEvent event) {
        ImpactJob job = running.get();
        if (job != null) {
            job.progress().cancel();
        }
        runner.shutdown();
    }

    private void run(ImpactJob job, Ruleset candidate, Ruleset active) {
        ImpactReport report = null;
        String failure = null;
        boolean cancelled = false;
        try {
            report = preview.compare(candidate, active, decisions, job.since(), job.limit(), job.progress());
        } catch (CancellationException e) {
            cancelled = true;
        } catch (AuditUnavailableException e) {
            LOG.warnf("Impact preview %s stopped: the audit log could not be read (%s)", job.id(), e.getClass().getName());
            failure = "the audit log could not be read; try again once the service is ready";
        } catch (RuntimeException | Error e) {
            String reference = UUID.randomUUID().toString();
            // Types and stack frames only: messages may quote the facts of a decision.
            LOG.errorf("Impact preview %s failed, reference %s: %s", job.id(), reference, StackTraces.withoutMessages(e));
            failure = "the preview failed; quote reference " + reference + " when reporting it";
        } finally {
            // Free the slot before the job reads as ended, so that a client that sees the end may start the next one.
            running.compareAndSet(job, null);
        }
        Instant at = clock.instant();
        if (report != null) {
            job.done(report, at);
            LOG.infof("Impact preview %s: %s against %s, %d decisions compared, %d changed, in %d ms", job.id(),
                    report.candidateVersion(), report.activeVersion(), report.compared(), report.changed(),
                    report.durationMillis());
        } else if (cancelled) {
            job.cancelled(at);
        } else {
            job.failed(failure, at);
        }
    }

    private void remember(ImpactJob job) {
        synchronized (jobs) {
            jobs.put(job.id(), job);
            if (jobs.size() > JOBS_KEPT) {
                jobs.values().stream().filter(ImpactJob::hasEnded).findFirst()
                        .ifPresent(oldest -> jobs.remove(oldest.id()));
            }
        }
    }
}
