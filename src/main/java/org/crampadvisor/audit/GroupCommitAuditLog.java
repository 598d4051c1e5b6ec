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
 * Commits audit records in groups. Requests hand their record to one writer thread and wait; the writer
 * takes every record waiting at that moment and commits them in one transaction, so that under load
 * many records share one disk flush, and a request is released only once its record is committed.
 */
@ApplicationScoped
public class GroupCommitAuditLog implements AuditLog {

    private static final Logger LOG = Logger.getLogger(GroupCommitAuditLog.class);
    static final int MAX_GROUP = 256;
    private static final long WAIT_SECONDS = 30;

    private record Pending(CompressedRecord record, Ruleset ruleset, CompletableFuture<Void> committed) {
    }

    private final AuditRepository repository;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(8 * MAX_GROUP);
    private final DistributionSummary groupSizes;
    private volatile boolean running;
    private Thread writer;

    GroupCommitAuditLog(AuditRepository repository, MeterRegistry registry) {
        this.repository = repository;
        this.groupSizes = DistributionSummary.builder("advisor.audit.commit.group")
                .description("Audit records committed per transaction").register(registry);
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
        Pending pending = new Pending(CompressedRecord.of(record), ruleset, new CompletableFuture<>());
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
                group.add(queue.take());
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

    private void commit(List<Pending> group) {
        List<CompressedRecord> records = new ArrayList<>(group.size());
        Map<String, Ruleset> rulesets = new LinkedHashMap<>();
        for (Pending pending : group) {
            records.add(pending.record());
            rulesets.putIfAbsent(pending.ruleset().version(), pending.ruleset());
        }
        try {
            repository.insert(records, rulesets);
            groupSizes.record(group.size());
            group.forEach(p -> p.committed().complete(null));
        } catch (Exception e) {
            // Type and SQL state only: the message of a failed insert can quote the record's content.
            String state = e instanceof java.sql.SQLException sql ? " (SQL state " + sql.getSQLState() + ")" : "";
            LOG.errorf("Could not commit %d audit record(s): %s%s", group.size(), e.getClass().getName(), state);
            group.forEach(p -> p.committed().completeExceptionally(e));
        }
    }
}
