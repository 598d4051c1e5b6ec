package org.crampadvisor.audit;

import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetFile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The SQL of the audit log, the same for H2 (in PostgreSQL mode) and PostgreSQL. */
@ApplicationScoped
public class AuditRepository {

    static final String RULE = "rule";
    static final String CAUSE = "cause";
    static final String ADVICE = "advice";

    private static final String RECORD_COLUMNS =
            "e.id, e.evaluated_at, e.principal, e.ruleset_version, e.duration_micros, d.request_gzip, d.response_gzip";

    private final AuditDataSource dataSource;
    /** Versions known to be stored, so that the check is made once per version, not per record. */
    private final Set<String> archivedVersions = ConcurrentHashMap.newKeySet();

    AuditRepository(AuditDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored evaluation, its request and response as stored JSON. */
    public record StoredEvaluation(UUID evaluationId, Instant evaluatedAt, String principal, String rulesetVersion,
                                   long durationMicros, String requestJson, String responseJson) {
    }

    public record StoredFile(String path, String sha256, String content) {
    }

    public record StoredRuleset(String version, Instant loadedAt, Instant firstUsedAt, List<StoredFile> files) {
    }

    /** Inserts the records and any ruleset version not stored yet, in one transaction. */
    void insert(List<CompressedRecord> records, Map<String, Ruleset> rulesets) throws SQLException {
        try (Connection connection = dataSource.get().getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Ruleset ruleset : rulesets.values()) {
                    archive(connection, ruleset, records.get(0).record().evaluatedAt());
                }
                insertEvaluations(connection, records);
                insertTags(connection, records);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                // A version archived in the failed transaction was rolled back with it.
                rulesets.keySet().forEach(archivedVersions::remove);
                throw e;
            }
        }
    }

    private void archive(Connection connection, Ruleset ruleset, Instant firstUsedAt) throws SQLException {
        if (archivedVersions.contains(ruleset.version())) {
            return;
        }
        try (PreparedStatement exists = connection.prepareStatement(
                "SELECT 1 FROM ruleset_version WHERE version = ?")) {
            exists.setString(1, ruleset.version());
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    archivedVersions.add(ruleset.version());
                    return;
                }
            }
        }
        try (PreparedStatement version = connection.prepareStatement(
                "INSERT INTO ruleset_version (version, loaded_at, first_used_at) VALUES (?, ?, ?)");
             PreparedStatement file = connection.prepareStatement(
                     "INSERT INTO ruleset_file (version, path, sha256, content) VALUES (?, ?, ?, ?)")) {
            version.setString(1, ruleset.version());
            version.setTimestamp(2, Timestamp.from(ruleset.loadedAt()));
            version.setTimestamp(3, Timestamp.from(firstUsedAt));
            version.executeUpdate();
            for (RulesetFile f : ruleset.files()) {
                file.setString(1, ruleset.version());
                file.setString(2, f.path());
                file.setString(3, f.sha256());
                file.setString(4, f.text());
                file.addBatch();
            }
            file.executeBatch();
        }
        archivedVersions.add(ruleset.version());
    }

    private static void insertEvaluations(Connection connection, List<CompressedRecord> records) throws SQLException {
        try (PreparedStatement evaluation = connection.prepareStatement("INSERT INTO evaluation (id, evaluated_at, "
                + "principal, ruleset_version, patient_pseudonym, duration_micros) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement document = connection.prepareStatement(
                     "INSERT INTO evaluation_document (evaluation_id, request_gzip, response_gzip) VALUES (?, ?, ?)")) {
            for (CompressedRecord compressed : records) {
                AuditRecord record = compressed.record();
                evaluation.setObject(1, record.evaluationId());
                evaluation.setTimestamp(2, Timestamp.from(record.evaluatedAt()));
                evaluation.setString(3, record.principal());
                evaluation.setString(4, record.rulesetVersion());
                evaluation.setString(5, record.patientPseudonym());
                evaluation.setLong(6, record.durationMicros());
                evaluation.addBatch();
                document.setObject(1, record.evaluationId());
                document.setBytes(2, compressed.requestGzip());
                document.setBytes(3, compressed.responseGzip());
                document.addBatch();
            }
            evaluation.executeBatch();
            document.executeBatch();
        }
    }

    private static void insertTags(Connection connection, List<CompressedRecord> records) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO evaluation_tag (kind, tag, evaluated_at, evaluation_id) VALUES (?, ?, ?, ?)")) {
            for (CompressedRecord compressed : records) {
                AuditRecord record = compressed.record();
                Timestamp at = Timestamp.from(record.evaluatedAt());
                for (var kindAndTags : List.of(Map.entry(RULE, record.rulesFired()), Map.entry(CAUSE, record.causes()),
                        Map.entry(ADVICE, record.advice()))) {
                    for (String tag : kindAndTags.getValue()) {
                        insert.setString(1, kindAndTags.getKey());
                        insert.setString(2, tag);
                        insert.setTimestamp(3, at);
                        insert.setObject(4, record.evaluationId());
                        insert.addBatch();
                    }
                }
            }
            insert.executeBatch();
        }
    }

    public Optional<StoredEvaluation> find(UUID id) throws SQLException {
        try (Connection connection = dataSource.get().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + RECORD_COLUMNS + " FROM evaluation e JOIN evaluation_document d"
                             + " ON d.evaluation_id = e.id WHERE e.id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /**
     * One page of records matching the query, newest first; one more than the limit tells whether more
     * follow. The page is chosen on the narrow tables through an index that is already in listing order,
     * and only its rows' documents are read.
     */
    public List<StoredEvaluation> list(AuditQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder page = new StringBuilder();
        String time;
        String id;
        List<Map.Entry<String, String>> tags = query.tags();
        // Drive the scan from the most selective index: the patient's, else the first tag's, else time.
        boolean byTag = !tags.isEmpty() && query.patientPseudonym() == null;
        List<Map.Entry<String, String>> checkedTags = byTag ? tags.subList(1, tags.size()) : tags;
        if (byTag) {
            page.append("SELECT e.id, e.evaluated_at FROM evaluation_tag t JOIN evaluation e ON e.id = t.evaluation_id")
                    .append(" WHERE t.kind = ? AND t.tag = ?");
            parameters.add(tags.get(0).getKey());
            parameters.add(tags.get(0).getValue());
            time = "t.evaluated_at";
            id = "t.evaluation_id";
        } else {
            page.append("SELECT e.id, e.evaluated_at FROM evaluation e WHERE 1 = 1");
            time = "e.evaluated_at";
            id = "e.id";
        }
        for (Map.Entry<String, String> tag : checkedTags) {
            page.append(" AND EXISTS (SELECT 1 FROM evaluation_tag o WHERE o.kind = ? AND o.tag = ?")
                    .append(" AND o.evaluated_at = e.evaluated_at AND o.evaluation_id = e.id)");
            parameters.add(tag.getKey());
            parameters.add(tag.getValue());
        }
        if (query.rulesetVersion() != null) {
            page.append(" AND e.ruleset_version = ?");
            parameters.add(query.rulesetVersion());
        }
        if (query.patientPseudonym() != null) {
            page.append(" AND e.patient_pseudonym = ?");
            parameters.add(query.patientPseudonym());
        }
        if (query.from() != null) {
            page.append(" AND ").append(time).append(" >= ?");
            parameters.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            page.append(" AND ").append(time).append(" < ?");
            parameters.add(Timestamp.from(query.to()));
        }
        if (query.after() != null) {
            page.append(" AND (").append(time).append(" < ? OR (").append(time).append(" = ? AND ").append(id)
                    .append(" < ?))");
            Timestamp at = Timestamp.from(query.after().evaluatedAt());
            parameters.add(at);
            parameters.add(at);
            parameters.add(query.after().evaluationId());
        }
        // The equality columns lead the ORDER BY as they lead the index, so that H2 too reads the index in
        // order and stops after one page instead of sorting every match (PostgreSQL does either way).
        String leading = byTag ? "t.kind, t.tag, "
                : query.patientPseudonym() != null ? "e.patient_pseudonym, "
                : query.rulesetVersion() != null ? "e.ruleset_version, " : "";
        page.append(" ORDER BY ").append(leading).append(time).append(" DESC, ").append(id).append(" DESC LIMIT ?");
        parameters.add(query.limit() + 1);

        String sql = "SELECT " + RECORD_COLUMNS + " FROM (" + page + ") p"
                + " JOIN evaluation e ON e.id = p.id JOIN evaluation_document d ON d.evaluation_id = p.id"
                + " ORDER BY e.evaluated_at DESC, e.id DESC";
        try (Connection connection = dataSource.get().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<StoredEvaluation> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(read(result));
                }
            }
            return rows;
        }
    }

    public Optional<StoredRuleset> ruleset(String version) throws SQLException {
        try (Connection connection = dataSource.get().getConnection();
             PreparedStatement header = connection.prepareStatement(
                     "SELECT loaded_at, first_used_at FROM ruleset_version WHERE version = ?");
             PreparedStatement files = connection.prepareStatement(
                     "SELECT path, sha256, content FROM ruleset_file WHERE version = ? ORDER BY path")) {
            header.setString(1, version);
            Instant loadedAt;
            Instant firstUsedAt;
            try (ResultSet row = header.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                loadedAt = row.getTimestamp(1).toInstant();
                firstUsedAt = row.getTimestamp(2).toInstant();
            }
            files.setString(1, version);
            List<StoredFile> stored = new ArrayList<>();
            try (ResultSet rows = files.executeQuery()) {
                while (rows.next()) {
                    stored.add(new StoredFile(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
            return Optional.of(new StoredRuleset(version, loadedAt, firstUsedAt, stored));
        }
    }

    private static StoredEvaluation read(ResultSet row) throws SQLException {
        return new StoredEvaluation(row.getObject(1, UUID.class), row.getTimestamp(2).toInstant(), row.getString(3),
                row.getString(4), row.getLong(5), Gzip.decompress(row.getBytes(6)), Gzip.decompress(row.getBytes(7)));
    }
}
