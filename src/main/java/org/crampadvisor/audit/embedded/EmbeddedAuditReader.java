package org.crampadvisor.audit.embedded;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.crampadvisor.audit.AuditReader;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.audit.AuditUnavailableException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads the embedded store from another process while the service writes it, without taking its lock:
 * the index as of its last commit, plus the log's entries past that commit's position (at most one
 * commit interval of them, held in memory as id, time and position only). It sees every entry that was
 * acknowledged before it opened.
 */
public final class EmbeddedAuditReader implements AuditReader {

    private record TailEntry(byte kind, UUID id, long timeNanos, long position) {
    }

    private static final Comparator<TailEntry> NEWEST_FIRST = Comparator.comparingLong(TailEntry::timeNanos)
            .thenComparingLong(e -> e.id().getMostSignificantBits())
            .thenComparingLong(e -> e.id().getLeastSignificantBits()).reversed();

    private final SegmentLog log;
    private final DirectoryReader index;
    private final IndexSearcher searcher;
    private final List<TailEntry> tail = new ArrayList<>();

    public EmbeddedAuditReader(Path dir) throws IOException {
        if (!Files.isDirectory(dir.resolve("log"))) {
            throw new IOException("no embedded audit store in " + dir);
        }
        DirectoryReader opened = null;
        long checkpoint = 0;
        try {
            opened = DirectoryReader.open(FSDirectory.open(dir.resolve("index")));
            String value = opened.getIndexCommit().getUserData().get(EmbeddedAuditStore.CHECKPOINT);
            checkpoint = value == null ? 0 : Long.parseLong(value);
        } catch (IndexNotFoundException e) {
            // never committed: everything is in the log's tail
        }
        index = opened;
        searcher = opened == null ? null : new IndexSearcher(opened);
        log = SegmentLog.openForReading(dir.resolve("log"));
        log.scan(checkpoint, Long.MAX_VALUE, frame -> tail.add(new TailEntry(Entries.kind(frame.payload()),
                Entries.id(frame.payload()), Entries.timeNanos(frame.payload()), frame.position())), false);
        tail.sort(NEWEST_FIRST);
    }

    @Override
    public int stream(Instant since, int limit, Consumer<AuditRepository.StoredEvaluation> each) {
        long sinceNanos = since == null ? Long.MIN_VALUE : Entries.nanos(since);
        List<TailEntry> newer = tail.stream().filter(e -> e.kind() == Entries.EVALUATION && e.timeNanos() >= sinceNanos).toList();
        int[] handed = {0};
        int[] next = {0};
        Consumer<AuditRepository.StoredEvaluation> merged = fromIndex -> {
            long at = Entries.nanos(fromIndex.evaluatedAt());
            while (next[0] < newer.size() && handed[0] < limit && newer.get(next[0]).timeNanos() > at) {
                each.accept(read(newer.get(next[0]++).position()));
                handed[0]++;
            }
            if (handed[0] < limit) {
                each.accept(fromIndex);
                handed[0]++;
            }
        };
        try {
            if (searcher != null) {
                EmbeddedAuditStore.streamFrom(searcher, log::read, since, limit, merged);
            }
        } catch (IOException e) {
            throw new AuditUnavailableException("the audit log could not be read", e);
        }
        while (next[0] < newer.size() && handed[0] < limit) {
            each.accept(read(newer.get(next[0]++).position()));
            handed[0]++;
        }
        return handed[0];
    }

    @Override
    public Optional<AuditRepository.StoredEvaluation> find(UUID id) {
        try {
            if (searcher != null) {
                List<IndexSchema.Hit> hits = IndexSchema.search(searcher,
                        new IndexSchema.Filter(Entries.EVALUATION).id(id).build(), 1, null);
                if (!hits.isEmpty()) {
                    return Optional.of(read(hits.get(0).position()));
                }
            }
        } catch (IOException e) {
            throw new AuditUnavailableException("the audit log could not be read", e);
        }
        return tail.stream().filter(e -> e.kind() == Entries.EVALUATION && e.id().equals(id)).findFirst()
                .map(e -> read(e.position()));
    }

    @Override
    public Optional<AuditRepository.StoredRuleset> ruleset(String version) {
        try {
            if (searcher != null) {
                var query = new IndexSchema.Filter(Entries.RULESET).term(IndexSchema.VERSION, version).build();
                for (ScoreDoc doc : searcher.search(query, 1).scoreDocs) {
                    return Optional.of(Entries.readRuleset(log.read(IndexSchema.position(searcher, doc.doc))));
                }
            }
            for (TailEntry entry : tail) {
                if (entry.kind() == Entries.RULESET) {
                    AuditRepository.StoredRuleset ruleset = Entries.readRuleset(log.read(entry.position()));
                    if (ruleset.version().equals(version)) {
                        return Optional.of(ruleset);
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new AuditUnavailableException("the audit log could not be read", e);
        }
    }

    private AuditRepository.StoredEvaluation read(long position) {
        try {
            ByteBuffer entry = log.read(position);
            return Entries.readEvaluation(entry);
        } catch (IOException e) {
            throw new AuditUnavailableException("the audit log could not be read", e);
        }
    }

    @Override
    public void close() {
        try {
            if (index != null) {
                index.close();
            }
        } catch (IOException e) {
            // closing
        }
        log.close();
    }
}
