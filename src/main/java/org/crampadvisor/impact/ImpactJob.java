package org.crampadvisor.impact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import org.crampadvisor.engine.RulesetProblem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One preview the service runs in the background: its progress while it runs, its report once done.
 * Read from any thread.
 */
public final class ImpactJob {

    public enum Status {
        RUNNING, DONE, FAILED, CANCELLED;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What {@code GET /api/v1/ruleset/impact/{jobId}} answers: a progress bar needs {@code compared} of
     * {@code total}; {@code report} is there once {@code status} is {@code done}. (Absent rather than null
     * before: OpenAPI cannot say that a referenced schema may be null.)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A preview running in the background, or its outcome")
    public record View(String jobId,
                       Status status,
                       @Schema(description = "decisions handled so far") @JsonInclude(JsonInclude.Include.ALWAYS)
                       long compared,
                       @Schema(description = "decisions in the window, up to the limit; null while the rules folder is "
                               + "checked", nullable = true) @JsonInclude(JsonInclude.Include.ALWAYS)
                       Long total,
                       @Schema(description = "the report, once status is done (absent before)")
                       ImpactReport report,
                       @Schema(description = "the start of the window") Instant since,
                       int limit,
                       Instant startedAt,
                       @Schema(description = "when it ended (done, failed or cancelled)") Instant finishedAt,
                       @Schema(description = "the version of the rules folder previewed, once checked") String candidateVersion,
                       @Schema(description = "the version it is compared with") String activeVersion,
                       @Schema(description = "why it failed") String detail,
                       @Schema(description = "the gate's problems, when the rules folder was refused")
                       List<RulesetProblem> errors) {
    }

    private final UUID id;
    private final Instant since;
    private final int limit;
    private final Instant startedAt;
    private final ImpactProgress progress = new ImpactProgress();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Status status = Status.RUNNING;
    private volatile String candidateVersion;
    private volatile String activeVersion;
    private volatile ImpactReport report;
    private volatile String detail;
    private volatile List<RulesetProblem> errors;
    private volatile Instant finishedAt;

    ImpactJob(UUID id, Instant since, int limit, Instant startedAt) {
        this.id = id;
        this.since = since;
        this.limit = limit;
        this.startedAt = startedAt;
    }

    public UUID id() {
        return id;
    }

    public Status status() {
        return status;
    }

    public ImpactReport report() {
        return report;
    }

    Instant since() {
        return since;
    }

    int limit() {
        return limit;
    }

    ImpactProgress progress() {
        return progress;
    }

    public View view() {
        Status now = status;
        return new View(id.toString(), now, progress.handled(), progress.total(), now == Status.DONE ? report : null, since,
                limit, startedAt, finishedAt, candidateVersion, activeVersion, detail, errors);
    }

    /** Waits until it has ended, at most {@code timeout}; true when it has. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return finished.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    public boolean hasEnded() {
        return finished.getCount() == 0;
    }

    void comparing(String candidate, String active) {
        candidateVersion = candidate;
        activeVersion = active;
    }

    void done(ImpactReport result, Instant at) {
        report = result;
        end(Status.DONE, at);
    }

    void refused(String candidate, String active, List<RulesetProblem> problems, Instant at) {
        comparing(candidate, active);
        errors = List.copyOf(problems);
        detail = "the rules folder was refused by its checks; nothing was compared";
        end(Status.FAILED, at);
    }

    void failed(String why, Instant at) {
        detail = why;
        end(Status.FAILED, at);
    }

    void cancelled(Instant at) {
        end(Status.CANCELLED, at);
    }

    private void end(Status outcome, Instant at) {
        finishedAt = at;
        status = outcome;
        finished.countDown();
    }
}
