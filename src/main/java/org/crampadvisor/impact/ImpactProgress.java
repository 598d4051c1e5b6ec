package org.crampadvisor.impact;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a preview has got, and the way to stop it: read from any thread while the preview runs.
 * Cancelling is a flag the preview checks between decisions, never a thread interrupt (an interrupt
 * would close the audit log's file channels under a reader).
 */
public final class ImpactProgress {

    private final AtomicLong handled = new AtomicLong();
    private volatile Long total;
    private volatile boolean cancelled;

    /** Decisions handled so far (compared, or found impossible to compare). */
    public long handled() {
        return handled.get();
    }

    /** How many decisions the window holds, up to the limit; {@code null} until counted. */
    public Long total() {
        return total;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void total(long count) {
        total = count;
    }

    void handledOne() {
        handled.incrementAndGet();
    }
}
