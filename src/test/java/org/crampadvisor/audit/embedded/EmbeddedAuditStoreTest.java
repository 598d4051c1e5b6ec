package org.crampadvisor.audit.embedded;

import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.audit.AuditQuery;
import org.crampadvisor.audit.AuditReader;
import org.crampadvisor.audit.AuditRecord;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.audit.AuditStore;
import org.crampadvisor.engine.Ruleset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded store below the service: recovery after a crash, the index rebuilt from the log, a second reader. */
class EmbeddedAuditStoreTest {

    private static final Duration NEVER = Duration.ofDays(1);
    private static final Ruleset RULESET = RulesFolderFixture.shippedRuleset();

    @TempDir
    Path dir;

    private static AuditRecord record(int n, Instant at, String rule) {
        return new AuditRecord(UUID.randomUUID(), at, "requester", RULESET.version(), "patient-" + (n % 3), 100 + n,
                "{\"n\":" + n + "}", "{\"answer\":" + n + ",\"trace\":[\"" + rule + "\"]}", Set.of(rule, "Common rule"),
                Set.of(n % 2 == 0 ? "ELECTROLYTE_IMBALANCE" : "OVERUSE_OR_STRAIN"), Set.of("HYDRATE"),
                n == 0 ? "{\"kind\":\"cds-hooks\"}" : null, n == 0 ? Set.of("card-0") : Set.of());
    }

    private static List<AuditRecord> commit(AuditStore store, int from, int count) throws Exception {
        List<AuditRecord> records = new ArrayList<>();
        Instant base = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = from; i < from + count; i++) {
            records.add(record(i, base.plusMillis(i).plusNanos(123), "Rule " + (i % 5)));
        }
        store.commit(records.stream().map(store::prepare).toList(), List.of(RULESET));
        return records;
    }

    private static AuditQuery byRule(String rule) {
        return new AuditQuery(rule, null, null, null, null, null, null, 500, null);
    }

    @Test
    void shouldIndexEveryEntryAgainFromTheLogWhenTheIndexWasNotCommittedBeforeACrash() throws Exception {
        EmbeddedAuditStore store = new EmbeddedAuditStore(dir, 1 << 20, NEVER);
        List<AuditRecord> written = commit(store, 0, 120);
        assertThat(store.list(byRule("Rule 1"))).hasSize(24);
        store.crashForTesting();

        try (EmbeddedAuditStore reopened = new EmbeddedAuditStore(dir, 1 << 20, NEVER)) {
            assertThat(reopened.countEvaluations()).isEqualTo(120);
            assertThat(reopened.list(byRule("Rule 1"))).hasSize(24)
                    .allSatisfy(r -> assertThat(r.responseJson()).contains("Rule 1"));
            assertThat(reopened.list(new AuditQuery("Rule 2", "ELECTROLYTE_IMBALANCE", "HYDRATE", RULESET.version(),
                    "patient-0", null, null, 500, null))).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.responseJson()).contains("Rule 2"));
            AuditRecord first = written.get(0);
            AuditRepository.StoredEvaluation stored = reopened.find(first.evaluationId()).orElseThrow();
            assertThat(stored.evaluatedAt()).isEqualTo(first.evaluatedAt());
            assertThat(stored.responseJson()).isEqualTo(first.responseJson());
            assertThat(stored.originJson()).isEqualTo("{\"kind\":\"cds-hooks\"}");
            assertThat(reopened.evaluationOfCard("card-0")).contains(first.evaluationId());
            assertThat(reopened.ruleset(RULESET.version())).hasValueSatisfying(r ->
                    assertThat(r.files()).hasSize(RULESET.files().size()));
        }
    }

    @Test
    void shouldCutOffATornWriteAtTheEndOfTheLogAndKeepEveryCompleteEntry() throws Exception {
        EmbeddedAuditStore store = new EmbeddedAuditStore(dir, 1 << 20, NEVER);
        commit(store, 0, 10);
        store.crashForTesting();
        Path segment = segments().get(0);
        long complete = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(new byte[]{0, 0, 1, 0, 7, 7, 7})); // a frame cut short by the crash
        }

        try (EmbeddedAuditStore reopened = new EmbeddedAuditStore(dir, 1 << 20, NEVER)) {
            assertThat(Files.size(segment)).isEqualTo(complete);
            assertThat(reopened.countEvaluations()).isEqualTo(10);
            commit(reopened, 10, 5);
            assertThat(reopened.countEvaluations()).isEqualTo(15);
        }
    }

    @Test
    void shouldRefuseToOpenALogDamagedBeforeItsEnd() throws Exception {
        EmbeddedAuditStore store = new EmbeddedAuditStore(dir, 4096, NEVER); // a segment per group or two
        commit(store, 0, 10);
        commit(store, 10, 10);
        commit(store, 20, 10);
        store.close();
        assertThat(segments()).hasSizeGreaterThan(1);
        Path first = segments().get(0);
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[]{42, 42, 42, 42}), 20); // inside a frame's payload
        }
        // The index's checkpoint is past the damage, so only a full re-index reads it.
        try (Stream<Path> files = Files.list(dir.resolve("index"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        assertThatThrownBy(() -> new EmbeddedAuditStore(dir, 4096, NEVER))
                .isInstanceOf(IOException.class).hasMessageContaining("damaged");
    }

    @Test
    void shouldListAcrossSegmentsNewestFirstWithCursors() throws Exception {
        try (EmbeddedAuditStore store = new EmbeddedAuditStore(dir, 8192, Duration.ofMillis(10))) {
            List<AuditRecord> written = new ArrayList<>();
            for (int group = 0; group < 10; group++) {
                written.addAll(commit(store, group * 7, 7));
            }
            assertThat(segments()).hasSizeGreaterThan(2);
            List<UUID> listed = new ArrayList<>();
            AuditQuery.Position after = null;
            while (true) {
                List<AuditRepository.StoredEvaluation> page = store.list(
                        new AuditQuery(null, null, null, null, null, null, null, 6, after));
                page.stream().limit(6).forEach(r -> listed.add(r.evaluationId()));
                if (page.size() <= 6) {
                    break;
                }
                AuditRepository.StoredEvaluation last = page.get(5);
                after = new AuditQuery.Position(last.evaluatedAt(), last.evaluationId());
            }
            assertThat(listed).containsExactlyElementsOf(newestFirst(written).stream().map(AuditRecord::evaluationId).toList());
        }
    }

    @Test
    void shouldLetAnotherReaderStreamEverythingAcknowledgedWhileTheStoreIsOpen() throws Exception {
        try (EmbeddedAuditStore store = new EmbeddedAuditStore(dir, 1 << 20, Duration.ofMillis(1))) {
            List<AuditRecord> written = new ArrayList<>(commit(store, 0, 50));
            store.awaitCommittedForTesting();
            written.addAll(commit(store, 50, 30)); // past the index's last commit: only in the log

            try (AuditReader reader = new EmbeddedAuditReader(dir)) {
                List<UUID> streamed = new ArrayList<>();
                int handed = reader.stream(Instant.parse("2026-11-01T00:00:00.010Z"), 1000, r -> streamed.add(r.evaluationId()));
                List<UUID> expected = newestFirst(written).stream().filter(r -> !r.evaluatedAt()
                        .isBefore(Instant.parse("2026-11-01T00:00:00.010Z"))).map(AuditRecord::evaluationId).toList();
                assertThat(streamed).containsExactlyElementsOf(expected);
                assertThat(handed).isEqualTo(expected.size());
                assertThat(reader.find(written.get(79).evaluationId())).isPresent();
                assertThat(reader.ruleset(RULESET.version())).isPresent();
                List<UUID> limited = new ArrayList<>();
                reader.stream(null, 5, r -> limited.add(r.evaluationId()));
                assertThat(limited).containsExactlyElementsOf(newestFirst(written).stream().limit(5)
                        .map(AuditRecord::evaluationId).toList());
            }
        }
    }

    @Test
    void shouldKeepReadingAndWritingAfterAReaderWasInterruptedMidRead() throws Exception {
        try (EmbeddedAuditStore store = new EmbeddedAuditStore(dir, 1 << 20, NEVER)) {
            List<AuditRecord> written = commit(store, 0, 20);
            assertThat(store.find(written.get(0).evaluationId())).isPresent(); // the index has caught up: no wait below
            Thread.currentThread().interrupt(); // as a cancelled request would be: NIO closes the channel it reads
            try {
                store.find(written.get(3).evaluationId());
            } catch (RuntimeException expected) {
                // the interrupted read may fail; nobody else's may
            } finally {
                Thread.interrupted();
            }
            List<AuditRecord> more = commit(store, 20, 5);
            assertThat(store.find(written.get(3).evaluationId())).isPresent();
            assertThat(store.find(more.get(4).evaluationId())).isPresent();
            assertThat(store.countEvaluations()).isEqualTo(25);
        }
    }

    private static <T> List<T> newestFirst(List<T> written) {
        List<T> reversed = new ArrayList<>(written);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("log"))) {
            return files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
    }
}
