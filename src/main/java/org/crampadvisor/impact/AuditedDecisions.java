package org.crampadvisor.impact;

import org.crampadvisor.audit.AuditReader;
import org.crampadvisor.audit.AuditRepository;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The audited decisions a preview runs over, newest first: the service's own audit repository, or a
 * store opened read-only by another process (the command line).
 */
public interface AuditedDecisions {

    /** How many decisions have {@code evaluatedAt >= since}. */
    long countSince(Instant since);

    /** Hands over the decisions with {@code evaluatedAt >= since}, newest first, at most {@code limit}, one at a time. */
    int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each);

    /** The same decisions, each shown to {@code watch} before it is handed over. */
    default AuditedDecisions peek(Consumer<AuditRepository.StoredEvaluation> watch) {
        return of(this::countSince, (since, limit, each) -> stream(since, limit, stored -> {
            watch.accept(stored);
            each.accept(stored);
        }));
    }

    /** {@link #stream}, as a method reference. */
    @FunctionalInterface
    interface Streaming {
        int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each);
    }

    static AuditedDecisions of(ToLongFunction<Instant> countSince, Streaming streaming) {
        return new AuditedDecisions() {
            @Override
            public long countSince(Instant since) {
                return countSince.applyAsLong(since);
            }

            @Override
            public int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each) {
                return streaming.stream(since, limit, each);
            }
        };
    }

    static AuditedDecisions of(AuditRepository repository) {
        return of(repository::countSince, repository::stream);
    }

    static AuditedDecisions of(AuditReader reader) {
        return of(reader::countSince, reader::stream);
    }
}
