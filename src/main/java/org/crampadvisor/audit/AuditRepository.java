package org.crampadvisor.audit;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reading the audit log, whichever store keeps it. Every read sees every entry that was acknowledged
 * before it started (read-your-writes): a client that got a 200 finds its record at once.
 */
@ApplicationScoped
public class AuditRepository {

    /** The most evaluations one stream hands over (the impact preview's limit). */
    public static final int MAX_STREAM = 100_000;

    private final AuditStore store;

    AuditRepository(AuditStore store) {
        this.store = store;
    }

    /** A stored evaluation, its request and response as stored JSON; {@code originJson} may be null. */
    public record StoredEvaluation(UUID evaluationId, Instant evaluatedAt, String principal, String rulesetVersion,
                                   long durationMicros, String requestJson, String responseJson, String originJson) {
    }

    public record StoredFile(String path, String sha256, String content) {
    }

    public record StoredRuleset(String version, Instant loadedAt, Instant firstUsedAt, List<StoredFile> files) {
    }

    public Optional<StoredEvaluation> find(UUID id) {
        return store.find(id);
    }

    /** One page of records matching the query, newest first; one more than the limit tells whether more follow. */
    public List<StoredEvaluation> list(AuditQuery query) {
        return store.list(query);
    }

    public Optional<StoredRuleset> ruleset(String version) {
        return store.ruleset(version);
    }

    /** The evaluation a CDS Hooks card was answered for (feedback names the card only). */
    public Optional<UUID> evaluationOfCard(String card) {
        return store.evaluationOfCard(card);
    }

    /**
     * The evaluations with {@code evaluatedAt >= since}, newest first, at most {@code limit} (≤ 100,000),
     * handed over one at a time so that memory stays bounded. Returns how many were handed over.
     */
    public int stream(Instant since, int limit, Consumer<StoredEvaluation> each) {
        if (limit < 0 || limit > MAX_STREAM) {
            throw new IllegalArgumentException("limit must be 0 to " + MAX_STREAM);
        }
        return store.stream(since, limit, each);
    }
}
