package org.crampadvisor.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A search of the audit log. Every filter is optional; {@code after} continues a listing after the
 * last record of the previous page.
 */
public record AuditQuery(String rule, String cause, String advice, String rulesetVersion, String patientPseudonym,
                         Instant from, Instant to, int limit, Position after) {

    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;

    /** Where a page ended: the listing order is time, then id, both descending. */
    public record Position(Instant at, UUID id) {
    }
}
