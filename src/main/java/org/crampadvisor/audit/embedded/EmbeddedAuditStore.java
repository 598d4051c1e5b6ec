package org.crampadvisor.audit.embedded;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.crampadvisor.audit.AuditQuery;
import org.crampadvisor.audit.AuditRecord;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.audit.AuditStore;
import org.crampadvisor.audit.AuditUnavailableException;
import org.crampadvisor.audit.Feedback;
import org.crampadvisor.audit.FeedbackQuery;
import org.crampadvisor.engine.Ruleset;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The embedded audit store: an fsync'd segment log is the record of truth, and a Lucene index, built
 * from it on a background thread, answers the listings.
 *
 * <ul>
 *   <li>A group of records is durable once its frames are written and {@code fdatasync}'d: one write and
 *   one flush per group, no index work on that path.</li>
 *   <li>The indexer adds the group's index entries right after; the index is committed every
 *   {@code commitInterval} with the log position it covers. After a crash, the entries past that position
 *   are indexed again from the log when the store opens: the index can lag, the log cannot.</li>
 *   <li>Reads see every acknowledged entry: a read first waits until the index covers the log's durable
 *   end as it was when the read began, then refreshes its view if that view is older.</li>
 *   <li>A failed write (a full disk) is cut back out of the log and the group refused; the next group, or
 *   {@link #probeWritable()}, tries again. An index that fails is reopened from its last commit and
 *   brought up to date from the log.</li>
 * </ul>
 */
public final class EmbeddedAuditStore implements AuditStore {

    private static final Logger LOG = Logger.getLogger(EmbeddedAuditStore.class);
    static final String CHECKPOINT = "log-position";
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(30);

    record Prepared(byte[] payload, Entries.Indexed indexed) implements AuditStore.Prepared {
    }

    private record Batch(long start, long end, List<Entries.Indexed> entries, long[] positions) {
    }

    private final Path indexDir;
    private final Duration commitInterval;
    private final SegmentLog log;
    private final Map<String, Long> rulesets = new ConcurrentHashMap<>();
    private final BlockingQueue<Batch> pending = new ArrayBlockingQueue<>(4096);
    private final Object progress = new Object();
    private final Thread indexer;
    private volatile boolean running = true;
    private volatile boolean batchesDropped;
    /** Set by a reader whose refresh failed: the writer may have lost entries it buffered, so reopen it. */
    private volatile boolean reopenRequested;
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    /** The log position up to which every entry is in the index writer (not necessarily visible yet). */
    private volatile long indexedUpTo;
    /** The log position up to which every entry is visible to new searches. */
    private volatile long visibleUpTo;
    private volatile long committedUpTo;
    private long lastCommitNanos = System.nanoTime();

    /**
     * Opens (or creates) the store under {@code dir}: {@code dir/log} and {@code dir/index}. Fails when
     * another process has it open for writing.
     */
    public EmbeddedAuditStore(Path dir, long segmentBytes, Duration commitInterval) throws IOException {
        this.indexDir = dir.resolve("index");
        this.commitInterval = commitInterval;
        Files.createDirectories(indexDir);
        IndexWriter opened = openWriter();
        long checkpoint = checkpointOf(opened);
        int[] recovered = {0};
        try {
            log = SegmentLog.openForWriting(dir.resolve("log"), segmentBytes, checkpoint, frame -> {
                addToIndex(opened, Entries.readIndexed(frame.payload()), frame.position());
                recovered[0]++;
            });
        } catch (IOException | RuntimeException e) {
            opened.rollback();
            throw e;
        }
        loadRulesetPositions(opened);
        commit(opened, log.durableEnd());
        if (recovered[0] > 0) {
            LOG.infof("Audit index brought up to date from the log: %d entries after its last commit", recovered[0]);
        }
        writer = opened;
        searchers = new SearcherManager(opened, null);
        indexedUpTo = log.durableEnd();
        visibleUpTo = indexedUpTo;
        indexer = new Thread(this::indexUntilClosed, "audit-indexer");
        indexer.setDaemon(true);
        indexer.start();
    }

    private IndexWriter openWriter() throws IOException {
        IndexWriterConfig config = new IndexWriterConfig()
                .setIndexSort(IndexSchema.NEWEST_FIRST)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64)
                .setCommitOnClose(false); // close() commits with the checkpoint itself
        return new IndexWriter(FSDirectory.open(indexDir), config);
    }

    private static long checkpointOf(IndexWriter writer) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (entry.getKey().equals(CHECKPOINT)) {
                    return Long.parseLong(entry.getValue());
                }
            }
        }
        return 0;
    }

    private void addToIndex(IndexWriter target, Entries.Indexed entry, long position) throws IOException {
        target.addDocument(IndexSchema.document(entry, position));
        if (entry.kind() == Entries.RULESET) {
            rulesets.putIfAbsent(entry.rulesetVersion(), position);
        }
    }

    private void loadRulesetPositions(IndexWriter source) throws IOException {
        try (var reader = org.apache.lucene.index.DirectoryReader.open(source)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            Query all = new IndexSchema.Filter(Entries.RULESET).build();
            for (ScoreDoc doc : searcher.search(all, Math.max(1, searcher.count(all))).scoreDocs) {
                Document stored = searcher.storedFields().document(doc.doc);
                rulesets.putIfAbsent(stored.get(IndexSchema.VERSION), IndexSchema.position(searcher, doc.doc));
            }
        }
    }

    private static void commit(IndexWriter target, long checkpoint) throws IOException {
        target.setLiveCommitData(Map.of(CHECKPOINT, Long.toString(checkpoint)).entrySet());
        target.commit();
    }

    // --- writing (the group-commit writer's thread)

    @Override
    public AuditStore.Prepared prepare(AuditRecord record) {
        return new Prepared(Entries.evaluation(record), Entries.Indexed.of(record));
    }

    @Override
    public AuditStore.Prepared prepare(Feedback feedback) {
        return new Prepared(Entries.feedback(feedback), Entries.Indexed.of(feedback));
    }

    @Override
    public void commit(List<AuditStore.Prepared> entries, Collection<Ruleset> used) throws IOException {
        List<byte[]> payloads = new ArrayList<>(entries.size() + 1);
        List<Entries.Indexed> indexed = new ArrayList<>(entries.size() + 1);
        List<String> newVersions = new ArrayList<>();
        Instant firstUse = Instant.now();
        for (Ruleset ruleset : used) {
            if (!rulesets.containsKey(ruleset.version()) && !newVersions.contains(ruleset.version())) {
                payloads.add(Entries.ruleset(ruleset, firstUse));
                indexed.add(Entries.Indexed.of(ruleset, firstUse));
                newVersions.add(ruleset.version());
            }
        }
        for (AuditStore.Prepared entry : entries) {
            Prepared prepared = (Prepared) entry;
            payloads.add(prepared.payload());
            indexed.add(prepared.indexed());
        }
        long start = log.durableEnd();
        long[] positions = log.append(payloads);
        for (int i = 0; i < newVersions.size(); i++) {
            rulesets.putIfAbsent(newVersions.get(i), positions[i]);
        }
        if (!pending.offer(new Batch(start, log.durableEnd(), indexed, positions))) {
            batchesDropped = true; // the indexer reads them back from the log
        }
    }

    @Override
    public void probeWritable() throws IOException {
        log.probe();
    }

    // --- indexing (its own thread)

    private void indexUntilClosed() {
        while (running) {
            try {
                Batch batch = pending.poll(100, TimeUnit.MILLISECONDS);
                if (reopenRequested) {
                    reopenRequested = false;
                    throw new IOException("a refresh of the audit index failed");
                }
                if (writer == null) {
                    reopenIndex();
                }
                if (batch != null && batch.end() > indexedUpTo) {
                    if (batch.start() > indexedUpTo) {
                        catchUpFromLog(batch.start());
                    }
                    for (int i = 0; i < batch.entries().size(); i++) {
                        addToIndex(writer, batch.entries().get(i), batch.positions()[i]);
                    }
                    advanceIndexed(batch.end());
                } else if (batch == null && batchesDropped) {
                    batchesDropped = false;
                    catchUpFromLog(log.durableEnd());
                }
                if (indexedUpTo > committedUpTo && System.nanoTime() - lastCommitNanos >= commitInterval.toNanos()) {
                    commit(writer, indexedUpTo);
                    synchronized (progress) {
                        committedUpTo = indexedUpTo;
                        progress.notifyAll();
                    }
                    lastCommitNanos = System.nanoTime();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                indexFailed(e);
            }
        }
    }

    private void catchUpFromLog(long until) throws IOException {
        IndexWriter target = writer;
        long end = log.scan(indexedUpTo, until, frame -> addToIndex(target, Entries.readIndexed(frame.payload()),
                frame.position()), false);
        advanceIndexed(end);
    }

    private void advanceIndexed(long end) {
        synchronized (progress) {
            indexedUpTo = end;
            progress.notifyAll();
        }
    }

    private void indexFailed(Exception e) {
        LOG.errorf("The audit index failed (%s); reopening it from its last commit and the log", e.getClass().getName());
        IndexWriter broken = writer;
        writer = null;
        try {
            if (broken != null) {
                broken.rollback();
            }
        } catch (IOException | RuntimeException closing) {
            // already broken
        }
        try {
            Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** After a failure: the last commit of the index, then every entry the log has past its checkpoint. */
    private void reopenIndex() throws IOException {
        IndexWriter opened = openWriter();
        try {
            long checkpoint = checkpointOf(opened);
            long end = log.scan(checkpoint, log.durableEnd(), frame -> addToIndex(opened,
                    Entries.readIndexed(frame.payload()), frame.position()), false);
            commit(opened, end);
            SearcherManager old = searchers;
            searchers = new SearcherManager(opened, null);
            writer = opened;
            committedUpTo = end;
            visibleUpTo = 0;
            advanceIndexed(end);
            old.close();
            LOG.infof("The audit index is open again and up to date with the log");
        } catch (IOException | RuntimeException e) {
            opened.rollback();
            throw e;
        }
    }

    // --- reading

    /** Waits until every entry durable now is visible to searches. */
    private void awaitVisible() {
        long target = log.durableEnd();
        if (visibleUpTo >= target) {
            return;
        }
        long deadline = System.nanoTime() + CATCH_UP_WAIT.toNanos();
        synchronized (progress) {
            while (indexedUpTo < target || writer == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AuditUnavailableException("the audit index has not caught up with the log", null);
                }
                try {
                    progress.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AuditUnavailableException("interrupted while waiting for the audit index", e);
                }
            }
        }
        long covered = indexedUpTo;
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException | RuntimeException e) {
            // A refresh flushes the writer's buffer; if that failed (a full disk), entries may be lost from it.
            reopenRequested = true;
            throw new AuditUnavailableException("the audit index could not be refreshed", e);
        }
        synchronized (progress) {
            visibleUpTo = Math.max(visibleUpTo, covered);
        }
    }

    private interface Search<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    private <T> T search(Search<T> search) {
        awaitVisible();
        SearcherManager manager = searchers;
        try {
            IndexSearcher searcher = manager.acquire();
            try {
                return search.run(searcher);
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new AuditUnavailableException("the audit log could not be read", e);
        }
    }

    private ByteBuffer read(long position) throws IOException {
        return log.read(position);
    }

    @Override
    public Optional<AuditRepository.StoredEvaluation> find(UUID id) {
        return search(searcher -> {
            Query query = new IndexSchema.Filter(Entries.EVALUATION).id(id).build();
            List<IndexSchema.Hit> hits = IndexSchema.search(searcher, query, 1, null);
            return hits.isEmpty() ? Optional.empty() : Optional.of(Entries.readEvaluation(read(hits.get(0).position())));
        });
    }

    @Override
    public List<AuditRepository.StoredEvaluation> list(AuditQuery q) {
        return search(searcher -> {
            Query query = new IndexSchema.Filter(Entries.EVALUATION)
                    .term(IndexSchema.RULE, q.rule()).term(IndexSchema.CAUSE, q.cause())
                    .term(IndexSchema.ADVICE, q.advice()).term(IndexSchema.VERSION, q.rulesetVersion())
                    .term(IndexSchema.PATIENT, q.patientPseudonym()).time(q.from(), q.to(), q.after()).build();
            List<AuditRepository.StoredEvaluation> page = new ArrayList<>();
            for (IndexSchema.Hit hit : IndexSchema.search(searcher, query, q.limit() + 1, q.after())) {
                page.add(Entries.readEvaluation(read(hit.position())));
            }
            return page;
        });
    }

    @Override
    public Optional<AuditRepository.StoredRuleset> ruleset(String version) {
        Long position = rulesets.get(version);
        if (position == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Entries.readRuleset(read(position)));
        } catch (IOException e) {
            throw new AuditUnavailableException("the audit log could not be read", e);
        }
    }

    @Override
    public Optional<UUID> evaluationOfCard(String card) {
        return search(searcher -> {
            Query query = new IndexSchema.Filter(Entries.EVALUATION).term(IndexSchema.CARD, card).build();
            List<IndexSchema.Hit> hits = IndexSchema.search(searcher, query, 1, null);
            return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0).id());
        });
    }

    @Override
    public List<Feedback> listFeedback(FeedbackQuery q) {
        return search(searcher -> {
            Query query = new IndexSchema.Filter(Entries.FEEDBACK).term(IndexSchema.RULE, q.rule())
                    .term(IndexSchema.OUTCOME, q.outcome()).time(q.from(), q.to(), q.after()).build();
            List<Feedback> page = new ArrayList<>();
            for (IndexSchema.Hit hit : IndexSchema.search(searcher, query, q.limit() + 1, q.after())) {
                page.add(Entries.readFeedback(read(hit.position())));
            }
            return page;
        });
    }

    @Override
    public int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each) {
        return search(searcher -> streamFrom(searcher, this::read, since, limit, each));
    }

    interface PositionReader {
        ByteBuffer read(long position) throws IOException;
    }

    /** Pages through the index newest first, reading one record at a time. */
    static int streamFrom(IndexSearcher searcher, PositionReader log, Instant since, int limit,
                          Consumer<AuditRepository.StoredEvaluation> each) throws IOException {
        Query query = new IndexSchema.Filter(Entries.EVALUATION).time(since, null, null).build();
        int handed = 0;
        AuditQuery.Position after = null;
        while (handed < limit) {
            List<IndexSchema.Hit> hits = IndexSchema.search(searcher, query, Math.min(256, limit - handed), after);
            if (hits.isEmpty()) {
                break;
            }
            for (IndexSchema.Hit hit : hits) {
                each.accept(Entries.readEvaluation(log.read(hit.position())));
                handed++;
            }
            IndexSchema.Hit last = hits.get(hits.size() - 1);
            after = new AuditQuery.Position(Entries.instant(last.timeNanos()), last.id());
        }
        return handed;
    }

    @Override
    public long countEvaluations() {
        return search(searcher -> (long) searcher.count(new IndexSchema.Filter(Entries.EVALUATION).build()));
    }

    /** Bytes of the log and of the index on disk. */
    public long[] sizeOnDisk() {
        try (var files = Files.walk(indexDir)) {
            long index = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            return new long[]{log.sizeOnDisk(), index};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        running = false; // no interrupt: one during a write or a read would close the files under it
        try {
            indexer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            IndexWriter open = writer;
            if (open != null) {
                if (batchesDropped || indexedUpTo < log.durableEnd()) {
                    // Entries still queued: index them from the log so the next start has nothing to catch up.
                    catchUpQueuedOrFromLog(open);
                }
                searchers.close();
                commit(open, indexedUpTo);
                open.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The audit index was not committed on close (%s); the next start re-indexes from the log",
                    e.getClass().getName());
        } finally {
            log.close();
        }
    }

    /**
     * Tests only: stops as a SIGKILL would, keeping nothing that is not on disk already (the index's
     * uncommitted entries are dropped), but releasing the locks so the same JVM can open the store again.
     */
    void crashForTesting() {
        running = false;
        try {
            indexer.join(TimeUnit.SECONDS.toMillis(30));
            searchers.close();
            writer.rollback();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            log.close();
        }
    }

    /** Tests only: waits until the index has committed everything durable now. */
    void awaitCommittedForTesting() throws InterruptedException {
        long target = log.durableEnd();
        synchronized (progress) {
            while (committedUpTo < target) {
                progress.wait();
            }
        }
    }

    private void catchUpQueuedOrFromLog(IndexWriter open) throws IOException {
        pending.clear();
        long end = log.scan(indexedUpTo, log.durableEnd(), frame -> addToIndex(open,
                Entries.readIndexed(frame.payload()), frame.position()), false);
        advanceIndexed(end);
    }
}
