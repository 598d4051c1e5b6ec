package org.crampadvisor.audit;

import java.time.Instant;

/** A search of the feedback entries, newest first by {@code receivedAt}; every filter is optional. */
public record FeedbackQuery(String rule, String outcome, Instant from, Instant to, int limit,
                            AuditQuery.Position after) {

    public static final int MAX_LIMIT = 500;
}
