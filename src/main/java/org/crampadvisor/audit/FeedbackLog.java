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

    /** One page, newest first by {@code receivedAt} then id; one more than the limit tells whether more follow. */
    List<Feedback> list(FeedbackQuery query);
}
