package org.crampadvisor.audit;

import org.crampadvisor.engine.Ruleset;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Where audit entries are kept: the embedded segment log with its query index, or PostgreSQL. Both pass
 * the same tests. Writes come from one thread only ({@link GroupCommitAuditLog}); reads from any.
 */
public interface AuditStore extends AutoCloseable {

    /** An entry made ready to write on the caller's thread (compressed, encoded), so the writer only writes. */
    interface Prepared {
    }

    Prepared prepare(AuditRecord record);

    Prepared prepare(Feedback feedback);

    /**
     * Makes the entries durable as one group, with every ruleset among {@code rulesets} that is not
     * archived yet, before any record that names it. Returns only once all of it is durable; throws when
     * none of it may be taken as written.
     */
    void commit(List<Prepared> entries, Collection<Ruleset> rulesets) throws Exception;

    /** Tries a small durable write; succeeds once records could be committed again (disk space back). */
    void probeWritable() throws Exception;

    Optional<AuditRepository.StoredEvaluation> find(UUID id);

    /** One page of matching records, newest first; one more than the limit tells whether more follow. */
    List<AuditRepository.StoredEvaluation> list(AuditQuery query);

    Optional<AuditRepository.StoredRuleset> ruleset(String version);

    Optional<UUID> evaluationOfCard(String card);

    List<Feedback> listFeedback(FeedbackQuery query);

    /**
     * Hands over the stored evaluations with {@code evaluatedAt >= since}, newest first, at most
     * {@code limit}, one at a time (bounded memory). Returns how many were handed over.
     */
    int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each);

    /** Counts the stored evaluations (benchmarks and tests). */
    long countEvaluations();

    @Override
    void close();
}
