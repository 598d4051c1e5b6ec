package org.crampadvisor.audit.postgresql;

import org.crampadvisor.audit.AuditQuery;
import org.crampadvisor.audit.AuditReader;
import org.crampadvisor.audit.AuditRecord;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.audit.AuditStore;
import org.crampadvisor.audit.AuditUnavailableException;
import org.crampadvisor.audit.Feedback;
import org.crampadvisor.audit.FeedbackQuery;
import org.crampadvisor.audit.Gzip;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetFile;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The audit log on PostgreSQL, the store to scale out on: several instances may share one database.
 * One row per evaluation (tags in an array under a GIN index, documents gzip'd out of line), inserted
 * in groups as multi-row inserts in one transaction, committed with synchronous commit. Every write
 * that two instances can race on is idempotent: a ruleset version is archived with
 * {@code ON CONFLICT DO NOTHING}, and Flyway serialises migrations with an advisory lock.
 */
public final class PostgresqlAuditStore implements AuditStore, AuditReader {

    static final String RULE = "r:";
    static final String CAUSE = "c:";
    static final String ADVICE = "a:";
    private static final String RECORD_COLUMNS =
            "id, evaluated_at, principal, ruleset_version, duration_micros, origin, request_gzip, response_gzip";
    private static final String FEEDBACK_COLUMNS = "id, card, service, evaluation_id, outcome, override_reason, "
            + "outcome_timestamp, received_at, rules";

    record PreparedRecord(AuditRecord record, byte[] requestGzip, byte[] responseGzip) implements AuditStore.Prepared {
    }

    record PreparedFeedback(Feedback feedback) implements AuditStore.Prepared {
    }

    private final DataSource dataSource;
    private final String instance = UUID.randomUUID().toString();
    /** Versions known to be archived, so that the check is made once per version and instance. */
    private final Set<String> archived = ConcurrentHashMap.newKeySet();

    public PostgresqlAuditStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public AuditStore.Prepared prepare(AuditRecord record) {
        return new PreparedRecord(record, Gzip.compress(record.requestJson()), Gzip.compress(record.responseJson()));
    }

    @Override
    public AuditStore.Prepared prepare(Feedback feedback) {
        return new PreparedFeedback(feedback);
    }

    @Override
    public void commit(List<AuditStore.Prepared> entries, Collection<Ruleset> rulesets) throws SQLException {
        List<String> archivedNow = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Ruleset ruleset : rulesets) {
                    if (!archived.contains(ruleset.version())) {
                        archive(connection, ruleset);
                        archivedNow.add(ruleset.version());
                    }
                }
                insertEvaluations(connection, entries);
                insertFeedback(connection, entries);
                connection.commit();
                archived.addAll(archivedNow);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void archive(Connection connection, Ruleset ruleset) throws SQLException {
        // Another instance may archive the same version at the same moment: whichever commits first wins,
        // the other's inserts do nothing (they wait for the first transaction, then skip).
        try (PreparedStatement version = connection.prepareStatement("INSERT INTO ruleset_version (version, loaded_at, "
                + "first_used_at) VALUES (?, ?, ?) ON CONFLICT (version) DO NOTHING");
             PreparedStatement file = connection.prepareStatement("INSERT INTO ruleset_file (version, path, sha256, "
                     + "content) VALUES (?, ?, ?, ?) ON CONFLICT (version, path) DO NOTHING")) {
            version.setString(1, ruleset.version());
            version.setTimestamp(2, Timestamp.from(ruleset.loadedAt()));
            version.setTimestamp(3, Timestamp.from(Instant.now()));
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
    }

    private static void insertEvaluations(Connection connection, List<AuditStore.Prepared> entries) throws SQLException {
        boolean any = false;
        boolean cards = false;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO evaluation (id, evaluated_at, principal, "
                + "ruleset_version, patient_pseudonym, duration_micros, tags, origin, request_gzip, response_gzip) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement card = connection.prepareStatement(
                     "INSERT INTO evaluation_card (card, evaluation_id) VALUES (?, ?)")) {
            for (AuditStore.Prepared entry : entries) {
                if (!(entry instanceof PreparedRecord prepared)) {
                    continue;
                }
                AuditRecord record = prepared.record();
                List<String> tags = new ArrayList<>();
                record.rulesFired().forEach(t -> tags.add(RULE + t));
                record.causes().forEach(t -> tags.add(CAUSE + t));
                record.advice().forEach(t -> tags.add(ADVICE + t));
                insert.setObject(1, record.evaluationId());
                insert.setTimestamp(2, Timestamp.from(record.evaluatedAt()));
                insert.setString(3, record.principal());
                insert.setString(4, record.rulesetVersion());
                insert.setString(5, record.patientPseudonym());
                insert.setLong(6, record.durationMicros());
                insert.setArray(7, connection.createArrayOf("text", tags.toArray()));
                insert.setString(8, record.originJson());
                insert.setBytes(9, prepared.requestGzip());
                insert.setBytes(10, prepared.responseGzip());
                insert.addBatch();
                any = true;
                for (String cardId : record.cardIds()) {
                    card.setString(1, cardId);
                    card.setObject(2, record.evaluationId());
                    card.addBatch();
                    cards = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
            if (cards) {
                card.executeBatch();
            }
        }
    }

    private static void insertFeedback(Connection connection, List<AuditStore.Prepared> entries) throws SQLException {
        boolean any = false;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO feedback (" + FEEDBACK_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditStore.Prepared entry : entries) {
                if (!(entry instanceof PreparedFeedback prepared)) {
                    continue;
                }
                Feedback f = prepared.feedback();
                insert.setObject(1, f.feedbackId());
                insert.setString(2, f.card());
                insert.setString(3, f.service());
                insert.setObject(4, f.evaluationId());
                insert.setString(5, f.outcome());
                insert.setString(6, f.overrideReasonJson());
                insert.setTimestamp(7, f.outcomeTimestamp() == null ? null : Timestamp.from(f.outcomeTimestamp()));
                insert.setTimestamp(8, Timestamp.from(f.receivedAt()));
                insert.setArray(9, connection.createArrayOf("text", f.rules().toArray()));
                insert.addBatch();
                any = true;
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    @Override
    public void probeWritable() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement probe = connection.prepareStatement("INSERT INTO audit_probe (instance, probed_at) "
                     + "VALUES (?, now()) ON CONFLICT (instance) DO UPDATE SET probed_at = excluded.probed_at")) {
            connection.setAutoCommit(true);
            probe.setString(1, instance);
            probe.executeUpdate();
        }
    }

    // --- reading

    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(Query<T> query) {
        try (Connection connection = dataSource.getConnection()) {
            return query.run(connection);
        } catch (SQLException e) {
            throw new AuditUnavailableException("the audit log could not be read (SQL state " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public Optional<AuditRepository.StoredEvaluation> find(UUID id) {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + RECORD_COLUMNS + " FROM evaluation WHERE id = ?")) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(evaluation(row)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Rows a tag-filtered listing reads newest first before it asks the GIN index instead. PostgreSQL
     * estimates any tag it has no statistics for at 0.5 % of the rows, so for a rare tag (or a rare pair of
     * tags) it would walk the whole time index; this bounds that walk.
     */
    static final int NEWEST_ROWS_SCANNED = 5000;

    @Override
    public List<AuditRepository.StoredEvaluation> list(AuditQuery query) {
        List<String> tags = new ArrayList<>();
        if (query.rule() != null) {
            tags.add(RULE + query.rule());
        }
        if (query.cause() != null) {
            tags.add(CAUSE + query.cause());
        }
        if (query.advice() != null) {
            tags.add(ADVICE + query.advice());
        }
        return read(connection -> {
            StringBuilder where = new StringBuilder(" WHERE TRUE");
            List<Object> parameters = new ArrayList<>();
            if (query.rulesetVersion() != null) {
                where.append(" AND ruleset_version = ?");
                parameters.add(query.rulesetVersion());
            }
            if (query.patientPseudonym() != null) {
                where.append(" AND patient_pseudonym = ?");
                parameters.add(query.patientPseudonym());
            }
            timeAndCursor(where, parameters, "evaluated_at", query.from(), query.to(), query.after());
            int rows = query.limit() + 1;
            if (tags.isEmpty() || query.patientPseudonym() != null) {
                // The time, ruleset or patient index, already in listing order (a patient has few records).
                List<Object> all = new ArrayList<>(parameters);
                String tagFilter = "";
                if (!tags.isEmpty()) {
                    tagFilter = " AND tags @> ?";
                    all.add(connection.createArrayOf("text", tags.toArray()));
                }
                all.add(rows);
                return select(connection, "SELECT " + RECORD_COLUMNS + " FROM evaluation" + where + tagFilter
                        + " ORDER BY evaluated_at DESC, id DESC LIMIT ?", all, PostgresqlAuditStore::evaluation);
            }
            Array tagArray = connection.createArrayOf("text", tags.toArray());
            // 1. The newest rows, in listing order, filtered: enough when the tags are common.
            List<Object> newest = new ArrayList<>(parameters);
            newest.add(NEWEST_ROWS_SCANNED);
            newest.add(tagArray);
            newest.add(rows);
            List<UUID> ids = select(connection, "SELECT id, evaluated_at FROM (SELECT id, evaluated_at, tags FROM evaluation"
                    + where + " ORDER BY evaluated_at DESC, id DESC LIMIT ?) newest WHERE tags @> ?"
                    + " ORDER BY evaluated_at DESC, id DESC LIMIT ?", newest, row -> row.getObject(1, UUID.class));
            if (ids.size() < rows) {
                // 2. Rare: every match from the GIN index (few, by now), then sorted.
                List<Object> rare = new ArrayList<>();
                rare.add(tagArray); // first: the tag filter takes the place of the leading TRUE
                rare.addAll(parameters);
                rare.add(rows);
                ids = select(connection, "WITH matches AS MATERIALIZED (SELECT id, evaluated_at FROM evaluation"
                        + where.toString().replace(" WHERE TRUE", " WHERE tags @> ?") + ") SELECT id FROM matches"
                        + " ORDER BY evaluated_at DESC, id DESC LIMIT ?", rare, row -> row.getObject(1, UUID.class));
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            return select(connection, "SELECT " + RECORD_COLUMNS + " FROM evaluation WHERE id = ANY(?)"
                            + " ORDER BY evaluated_at DESC, id DESC",
                    List.of(connection.createArrayOf("uuid", ids.toArray())), PostgresqlAuditStore::evaluation);
        });
    }

    private static void timeAndCursor(StringBuilder sql, List<Object> parameters, String column, Instant from,
                                      Instant to, AuditQuery.Position after) {
        if (from != null) {
            sql.append(" AND ").append(column).append(" >= ?");
            parameters.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND ").append(column).append(" < ?");
            parameters.add(Timestamp.from(to));
        }
        if (after != null) {
            sql.append(" AND (").append(column).append(", id) < (?, ?)");
            parameters.add(Timestamp.from(after.at()));
            parameters.add(after.id());
        }
    }

    private interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private static <T> List<T> select(Connection connection, String sql, List<Object> parameters, Row<T> mapper)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.read(result));
                }
            }
            return rows;
        }
    }

    @Override
    public Optional<AuditRepository.StoredRuleset> ruleset(String version) {
        return read(connection -> {
            try (PreparedStatement header = connection.prepareStatement(
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
                List<AuditRepository.StoredFile> stored = new ArrayList<>();
                try (ResultSet rows = files.executeQuery()) {
                    while (rows.next()) {
                        stored.add(new AuditRepository.StoredFile(rows.getString(1), rows.getString(2), rows.getString(3)));
                    }
                }
                return Optional.of(new AuditRepository.StoredRuleset(version, loadedAt, firstUsedAt, stored));
            }
        });
    }

    @Override
    public Optional<UUID> evaluationOfCard(String card) {
        return read(connection -> {
            List<UUID> found = select(connection, "SELECT evaluation_id FROM evaluation_card WHERE card = ?",
                    List.of(card), row -> row.getObject(1, UUID.class));
            return found.stream().findFirst();
        });
    }

    @Override
    public List<Feedback> listFeedback(FeedbackQuery query) {
        return read(connection -> {
            StringBuilder sql = new StringBuilder("SELECT " + FEEDBACK_COLUMNS + " FROM feedback WHERE TRUE");
            List<Object> parameters = new ArrayList<>();
            if (query.rule() != null) {
                sql.append(" AND rules @> ?");
                parameters.add(connection.createArrayOf("text", new Object[]{query.rule()}));
            }
            if (query.outcome() != null) {
                sql.append(" AND outcome = ?");
                parameters.add(query.outcome());
            }
            timeAndCursor(sql, parameters, "received_at", query.from(), query.to(), query.after());
            sql.append(" ORDER BY received_at DESC, id DESC LIMIT ?");
            parameters.add(query.limit() + 1);
            return select(connection, sql.toString(), parameters, PostgresqlAuditStore::feedback);
        });
    }

    @Override
    public int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each) {
        return read(connection -> {
            // A server-side cursor: rows arrive 64 at a time, whatever the limit.
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("SELECT " + RECORD_COLUMNS
                    + " FROM evaluation WHERE evaluated_at >= ? ORDER BY evaluated_at DESC, id DESC LIMIT ?")) {
                select.setFetchSize(64);
                select.setTimestamp(1, Timestamp.from(since == null ? Instant.EPOCH : since));
                select.setInt(2, limit);
                int handed = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        each.accept(evaluation(rows));
                        handed++;
                    }
                }
                return handed;
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        });
    }

    @Override
    public long countEvaluations() {
        return read(connection -> select(connection, "SELECT COUNT(*) FROM evaluation", List.of(), row -> row.getLong(1)).get(0));
    }

    private static AuditRepository.StoredEvaluation evaluation(ResultSet row) throws SQLException {
        return new AuditRepository.StoredEvaluation(row.getObject(1, UUID.class), row.getTimestamp(2).toInstant(),
                row.getString(3), row.getString(4), row.getLong(5), Gzip.decompress(row.getBytes(7)),
                Gzip.decompress(row.getBytes(8)), row.getString(6));
    }

    private static Feedback feedback(ResultSet row) throws SQLException {
        Array rules = row.getArray(9);
        Timestamp outcomeAt = row.getTimestamp(7);
        return new Feedback(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                row.getObject(4, UUID.class), row.getString(5), row.getString(6),
                outcomeAt == null ? null : outcomeAt.toInstant(), row.getTimestamp(8).toInstant(),
                List.of((String[]) rules.getArray()));
    }

    @Override
    public void close() {
        // The datasource belongs to whoever made it.
    }
}
