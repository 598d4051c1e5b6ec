package org.crampadvisor.impact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.crampadvisor.audit.AuditRecord;
import org.crampadvisor.audit.AuditStore;
import org.crampadvisor.audit.embedded.EmbeddedAuditStore;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.EvaluationIds;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.evaluation.StrictJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An audit log built by a test: each decision evaluated on a ruleset at a given time and committed to a
 * real embedded store under target/, as the service would have recorded it.
 */
public final class DecisionLog implements AutoCloseable {

    public static final ObjectMapper JSON = StrictJson.newMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path dataDir;
    private final EmbeddedAuditStore store;
    private final List<AuditStore.Prepared> pending = new ArrayList<>();
    private final List<Ruleset> rulesets = new ArrayList<>();

    /** A new, empty store under {@code target/impact-tests/}. */
    public static DecisionLog create(String name) {
        Path dataDir = Path.of("target", "impact-tests", name + "-" + UUID.randomUUID()).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
            return new DecisionLog(dataDir, new EmbeddedAuditStore(dataDir.resolve("audit"), 1 << 26, Duration.ofDays(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DecisionLog(Path dataDir, EmbeddedAuditStore store) {
        this.dataDir = dataDir;
        this.store = store;
    }

    /** The folder the service's {@code advisor.data-dir} would name. */
    Path dataDir() {
        return dataDir;
    }

    /** Evaluates {@code requestJson} on {@code ruleset} as at {@code at} and records it (on the next {@link #commit}). */
    public UUID add(String requestJson, Ruleset ruleset, Instant at) {
        try {
            EvaluationRequest request = JSON.readValue(requestJson, EvaluationRequest.class);
            UUID id = EvaluationIds.at(at.toEpochMilli());
            Recommendation answer = new Evaluator(Clock.fixed(at, ZoneOffset.UTC), () -> id).evaluate(request, ruleset);
            pending.add(store.prepare(new AuditRecord(id, answer.evaluatedAt(), "requester", ruleset.version(), null, 100,
                    JSON.writeValueAsString(request), JSON.writeValueAsString(answer), answer.rulesFired(),
                    answer.causeCodes(), answer.adviceCodes(), null, Set.of())));
            if (!rulesets.contains(ruleset)) {
                rulesets.add(ruleset);
            }
            return id;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(requestJson, e);
        }
    }

    /** Records a decision whose stored request no longer reads as a request. */
    UUID addUnreadable(String requestJson, Ruleset ruleset, Instant at) {
        UUID id = EvaluationIds.at(at.toEpochMilli());
        pending.add(store.prepare(new AuditRecord(id, at, "requester", ruleset.version(), null, 100, requestJson, "{}",
                Set.of(), Set.of(), Set.of(), null, Set.of())));
        if (!rulesets.contains(ruleset)) {
            rulesets.add(ruleset);
        }
        return id;
    }

    /** Makes everything added durable, as one group. */
    public DecisionLog commit() {
        try {
            store.commit(List.copyOf(pending), List.copyOf(rulesets));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        pending.clear();
        return this;
    }

    public AuditedDecisions decisions() {
        return AuditedDecisions.of(store::countSince, store::stream);
    }

    @Override
    public void close() {
        store.close();
    }

    /** Closes the store and deletes its files. */
    public void delete() {
        close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
