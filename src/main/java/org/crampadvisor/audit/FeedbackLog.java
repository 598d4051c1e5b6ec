package org.crampadvisor.audit;

import java.util.List;

/** Card feedback (SPEC section 8), appended with the same durability as evaluations. */
public interface FeedbackLog {

    /**
     * Stores the feedback durably; returns only once it is committed (fsync'd, or committed with
     * synchronous commit on PostgreSQL).
     *
     * @throws AuditUnavailableException when it could not be committed
     */
    void append(Feedback feedback);

    /**
     * Stores several entries in one commit: all of them are durable when it returns, none when it throws
     * (one feedback request is never stored in part).
     *
     * @throws AuditUnavailableException when they could not be committed
     */
    void appendAll(List<Feedback> feedback);

    /** One page, newest first by {@code receivedAt} then id; one more than the limit tells whether more follow. */
    List<Feedback> list(FeedbackQuery query);
}
