package org.crampadvisor.audit;

import org.crampadvisor.engine.Ruleset;

/** Where every evaluation is recorded before it is answered. */
public interface AuditLog {

    /**
     * Records the evaluation durably, with the ruleset that answered it if that version is not stored
     * yet. Returns only once the record is committed.
     *
     * @throws AuditUnavailableException when the record could not be committed; the evaluation must
     *                                   then not be answered
     */
    void append(AuditRecord record, Ruleset ruleset);
}
