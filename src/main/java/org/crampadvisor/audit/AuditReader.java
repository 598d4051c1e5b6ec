package org.crampadvisor.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Read-only access to an audit store from another process (a command-line tool, a backup check) while
 * the service runs. It sees every entry that was acknowledged before it was opened, and may see entries
 * being written at that moment; it never blocks or slows the service's writer. Open one with
 * {@code org.crampadvisor.audit.stores.AuditReaders}.
 */
public interface AuditReader extends AutoCloseable {

    /**
     * The evaluations with {@code evaluatedAt >= since}, newest first, at most {@code limit}, handed over one
     * at a time (bounded memory). Returns how many were handed over.
     */
    int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each);

    Optional<AuditRepository.StoredEvaluation> find(UUID id);

    Optional<AuditRepository.StoredRuleset> ruleset(String version);

    @Override
    void close();
}
