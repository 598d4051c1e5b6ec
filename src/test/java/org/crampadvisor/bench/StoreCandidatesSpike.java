package org.crampadvisor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.audit.AuditRecord;
import org.crampadvisor.audit.AuditStore;
import org.crampadvisor.audit.Gzip;
import org.crampadvisor.audit.embedded.EmbeddedAuditStore;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.EvaluationIds;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.evaluation.StrictJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The spike behind the embedded store's design (issue 10): the same records, written by one thread in
 * groups of 16 with a disk flush per group (what group commit does at 16 connections), into each
 * candidate. Reports the writer's CPU per record (and the background indexer's, where there is one),
 * records per second and bytes on disk per record. Compression happens before, on the "request
 * threads", in every candidate. Run: {@code mvn test -Dtest=StoreCandidatesSpike -Dspike.records=50000}.
 */
@Tag("benchmark")
class StoreCandidatesSpike {

    static final int RECORDS = Integer.getInteger("spike.records", 50_000);
    static final int GROUP = 16;

    private record Sample(AuditRecord record, byte[] requestGzip, byte[] responseGzip) {
    }

    @Test
    void compareCandidates() throws Exception {
        List<Sample> samples = samples();
        Path root = Files.createDirectories(Path.of("target/spike"));
        Stats.header("spike records=" + RECORDS + " group=" + GROUP + " load " + Files.readString(Path.of("/proc/loadavg")).strip());
        segmentLogWithLucene(samples, Files.createTempDirectory(root, "segment-log"));
        sqlite(samples, Files.createTempDirectory(root, "sqlite-tag-table"), false);
        sqlite(samples, Files.createTempDirectory(root, "sqlite-staged-tags"), true);
    }

    private List<Sample> samples() throws Exception {
        Ruleset ruleset = RulesFolderFixture.shippedRuleset();
        ObjectMapper json = StrictJson.newMapper();
        String body = Files.readString(Path.of("src/test/resources/spec-example.json"));
        EvaluationRequest request = json.readValue(body, EvaluationRequest.class);
        List<Sample> samples = new ArrayList<>();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        Evaluator evaluator = new Evaluator();
        for (int i = 0; i < RECORDS; i++) {
            Recommendation answer = evaluator.evaluate(request, ruleset);
            if (i < 64) { // distinct answers; then reuse them with new ids, as content does not change the cost
                String response = json.writeValueAsString(answer);
                AuditRecord record = new AuditRecord(UUID.fromString(answer.evaluationId()), answer.evaluatedAt(),
                        "requester", answer.rulesetVersion(), "p" + i, 400, body, response, answer.rulesFired(),
                        answer.causeCodes(), answer.adviceCodes(), null, Set.of());
                samples.add(new Sample(record, Gzip.compress(body), Gzip.compress(response)));
            } else {
                Sample template = samples.get(i % 64);
                AuditRecord r = template.record();
                at = at.plusMillis(1);
                samples.add(new Sample(new AuditRecord(EvaluationIds.at(at.toEpochMilli()), at, r.principal(),
                        r.rulesetVersion(), "p" + (i % 1000), r.durationMicros(), r.requestJson(), r.responseJson(),
                        r.rulesFired(), r.causes(), r.advice(), null, Set.of()), template.requestGzip(),
                        template.responseGzip()));
            }
        }
        return samples;
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long threadCpu(String name) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.getId()))).sum();
    }

    private static long size(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private void report(String candidate, long cpuNanos, long indexerNanos, long wallNanos, Path dir) throws Exception {
        Stats.row(String.format("spike candidate=%s writer_cpu_us_per_record=%.1f background_cpu_us_per_record=%.1f"
                        + " records_per_second=%.0f bytes_per_record=%.0f", candidate, cpuNanos / 1e3 / RECORDS,
                indexerNanos / 1e3 / RECORDS, RECORDS / (wallNanos / 1e9), size(dir) / (double) RECORDS));
    }

    private void segmentLogWithLucene(List<Sample> samples, Path dir) throws Exception {
        Ruleset ruleset = RulesFolderFixture.shippedRuleset();
        try (EmbeddedAuditStore store = new EmbeddedAuditStore(dir, 256L << 20, Duration.ofSeconds(1))) {
            long prepareCpu = cpu();
            List<AuditStore.Prepared> prepared = samples.stream().map(s -> store.prepare(s.record())).toList();
            prepareCpu = cpu() - prepareCpu;
            long gzipCpu = cpu();
            for (Sample s : samples) {
                Gzip.compress(s.record().requestJson());
                Gzip.compress(s.record().responseJson());
            }
            gzipCpu = cpu() - gzipCpu;
            Stats.row(String.format("spike request_thread_cpu_us_per_record: segment-log entry (one deflate block)=%.1f"
                    + " two gzip documents (before)=%.1f", prepareCpu / 1e3 / RECORDS, gzipCpu / 1e3 / RECORDS));
            long indexerBefore = threadCpu("audit-indexer");
            long cpu = cpu();
            long wall = System.nanoTime();
            for (int i = 0; i < prepared.size(); i += GROUP) {
                store.commit(prepared.subList(i, Math.min(prepared.size(), i + GROUP)), List.of(ruleset));
            }
            long writerCpu = cpu() - cpu;
            long elapsed = System.nanoTime() - wall;
            store.countEvaluations(); // waits until the index has caught up
            report("segment-log+lucene", writerCpu, threadCpu("audit-indexer") - indexerBefore, elapsed, dir);
        }
    }

    private void sqlite(List<Sample> samples, Path dir, boolean staged) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("audit.db"))) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL"); // a commit is fsync'd before it returns
                s.execute("CREATE TABLE evaluation (id BLOB PRIMARY KEY, evaluated_at INTEGER NOT NULL, principal TEXT,"
                        + " ruleset_version TEXT, patient TEXT, duration INTEGER, request BLOB, response BLOB)");
                s.execute("CREATE INDEX evaluation_newest ON evaluation (evaluated_at DESC, id DESC)");
                s.execute("CREATE INDEX evaluation_patient ON evaluation (patient, evaluated_at DESC)");
                if (staged) {
                    s.execute("CREATE TABLE tag_staging (evaluation_id BLOB, evaluated_at INTEGER, tags TEXT)");
                } else {
                    s.execute("CREATE TABLE tag (tag TEXT, evaluated_at INTEGER, evaluation_id BLOB)");
                    s.execute("CREATE INDEX tag_newest ON tag (tag, evaluated_at DESC, evaluation_id DESC)");
                }
            }
            connection.setAutoCommit(false);
            long cpu = cpu();
            long wall = System.nanoTime();
            try (PreparedStatement evaluation = connection.prepareStatement("INSERT INTO evaluation VALUES (?,?,?,?,?,?,?,?)");
                 PreparedStatement tag = connection.prepareStatement(staged
                         ? "INSERT INTO tag_staging VALUES (?,?,?)" : "INSERT INTO tag VALUES (?,?,?)")) {
                for (int i = 0; i < samples.size(); i++) {
                    Sample sample = samples.get(i);
                    AuditRecord r = sample.record();
                    byte[] id = org.apache.lucene.util.BytesRef.deepCopyOf(new org.apache.lucene.util.BytesRef(
                            java.nio.ByteBuffer.allocate(16).putLong(r.evaluationId().getMostSignificantBits())
                                    .putLong(r.evaluationId().getLeastSignificantBits()).array())).bytes;
                    long time = r.evaluatedAt().getEpochSecond() * 1_000_000_000L + r.evaluatedAt().getNano();
                    evaluation.setBytes(1, id);
                    evaluation.setLong(2, time);
                    evaluation.setString(3, r.principal());
                    evaluation.setString(4, r.rulesetVersion());
                    evaluation.setString(5, r.patientPseudonym());
                    evaluation.setLong(6, r.durationMicros());
                    evaluation.setBytes(7, sample.requestGzip());
                    evaluation.setBytes(8, sample.responseGzip());
                    evaluation.executeUpdate();
                    List<String> tags = new ArrayList<>();
                    r.rulesFired().forEach(t -> tags.add("r:" + t));
                    r.causes().forEach(t -> tags.add("c:" + t));
                    r.advice().forEach(t -> tags.add("a:" + t));
                    if (staged) {
                        tag.setBytes(1, id);
                        tag.setLong(2, time);
                        tag.setString(3, String.join("\n", tags));
                        tag.executeUpdate();
                    } else {
                        for (String t : tags) {
                            tag.setString(1, t);
                            tag.setLong(2, time);
                            tag.setBytes(3, id);
                            tag.executeUpdate();
                        }
                    }
                    if ((i + 1) % GROUP == 0 || i == samples.size() - 1) {
                        connection.commit();
                    }
                }
            }
            report(staged ? "sqlite-wal+staged-tags(unindexed)" : "sqlite-wal+tag-index", cpu() - cpu, 0,
                    System.nanoTime() - wall, dir);
        }
    }
}
