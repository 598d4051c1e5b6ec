package org.crampadvisor.impact;

import org.crampadvisor.audit.AuditReader;
import org.crampadvisor.audit.AuditRepository;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * The audited decisions a preview runs over, newest first: the service's own audit repository, or a
 * store opened read-only by another process (the command line).
 */
public interface AuditedDecisions {

    /** How many decisions have {@code evaluatedAt >= since}. */
    long countSince(Instant since);

    /** Hands over the decisions with {@code evaluatedAt >= since}, newest first, at most {@code limit}, one at a time. */
    int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each);

    static AuditedDecisions of(AuditRepository repository) {
        return new AuditedDecisions() {
            @Override
            public long countSince(Instant since) {
                return repository.countSince(since);
            }

            @Override
            public int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each) {
                return repository.stream(since, limit, each);
            }
        };
    }

    static AuditedDecisions of(AuditReader reader) {
        return new AuditedDecisions() {
            @Override
            public long countSince(Instant since) {
                return reader.countSince(since);
            }

            @Override
            public int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each) {
                return reader.stream(since, limit, each);
            }
        };
    }
}
