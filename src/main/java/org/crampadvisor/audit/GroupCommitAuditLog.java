package org.crampadvisor.audit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.crampadvisor.engine.Ruleset;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commits audit entries in groups. Requests hand their entry, already compressed on their own thread,
 * to one writer thread and wait; the writer takes every entry waiting at that moment and makes them
 * durable together (one write and one flush, or one transaction), so that under load many entries share
 * one disk flush, and a request is released only once its entry is durable.
 *
 * <p>When a group cannot be committed (a full disk, the database gone), its requests are refused and
 * {@link AuditHealth} turns readiness DOWN; while it is DOWN the writer probes the store every second
 * and turns it UP again as soon as a write succeeds, so the store resumes by itself.
 */
@ApplicationScoped
public class GroupCommitAuditLog implements AuditLog, FeedbackLog {

    private static final Logger LOG = Logger.getLogger(GroupCommitAuditLog.class);
    static final int MAX_GROUP = 256;
    private static final long WAIT_SECONDS = 30;
    private static final long PROBE_MILLIS = 1000;

    private record Pending(AuditStore.Prepared entry, Ruleset ruleset, CompletableFuture<Void> committed) {
    }

    private final AuditStore store;
    private final AuditHealth health;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(8 * MAX_GROUP);
    private final DistributionSummary groupSizes;
    private volatile boolean running;
    private Thread writer;

    GroupCommitAuditLog(AuditStore store, AuditHealth health, MeterRegistry registry) {
        this.store = store;
        this.health = health;
        this.groupSizes = DistributionSummary.builder("advisor.audit.commit.group")
                .description("Audit entries committed per group (one flush or transaction)").register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer = new Thread(this::writeUntilStopped, "audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.interrupt();
            writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.committed().completeExceptionally(new IllegalStateException("the service is stopping")));
    }

    @Override
    public void append(AuditRecord record, Ruleset ruleset) {
        enqueueAndWait(new Pending(store.prepare(record), ruleset, new CompletableFuture<>()));
    }

    @Override
    public void append(Feedback feedback) {
        enqueueAndWait(new Pending(store.prepare(feedback), null, new CompletableFuture<>()));
    }

    @Override
    public List<Feedback> list(FeedbackQuery query) {
        return store.listFeedback(query);
    }

    private void enqueueAndWait(Pending pending) {
        try {
            if (!running || !queue.offer(pending, WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AuditUnavailableException("the audit log is not accepting records", null);
            }
            pending.committed().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while the record was being committed", e);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException("the audit record could not be committed", e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException("the audit record was not committed within " + WAIT_SECONDS + " s", e);
        }
    }

    private void writeUntilStopped() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (running) {
            try {
                Pending first = health.writable() ? queue.take() : queue.poll(PROBE_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    probe();
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
                continue;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            commit(group);
            group.clear();
        }
    }

    private void probe() {
        try {
            store.probeWritable();
            health.committed();
            LOG.info("The audit store takes writes again; accepting evaluations");
        } catch (Exception e) {
            health.failed(e);
        }
    }

    private void commit(List<Pending> group) {
        List<AuditStore.Prepared> entries = new ArrayList<>(group.size());
        Map<String, Ruleset> rulesets = new LinkedHashMap<>();
        for (Pending pending : group) {
            entries.add(pending.entry());
            if (pending.ruleset() != null) {
                rulesets.putIfAbsent(pending.ruleset().version(), pending.ruleset());
            }
        }
        try {
            store.commit(entries, rulesets.values());
            health.committed();
            groupSizes.record(group.size());
            group.forEach(p -> p.committed().complete(null));
        } catch (Exception e) {
            // Type and SQL state only: the message of a failed insert can quote the record's content.
            String state = e instanceof java.sql.SQLException sql ? " (SQL state " + sql.getSQLState() + ")" : "";
            LOG.errorf("Could not commit %d audit record(s): %s%s", group.size(), e.getClass().getName(), state);
            health.failed(e);
            group.forEach(p -> p.committed().completeExceptionally(e));
        }
    }
}
