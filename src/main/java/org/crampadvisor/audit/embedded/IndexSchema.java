package org.crampadvisor.audit.embedded;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;
import org.crampadvisor.audit.AuditQuery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The query index's documents and queries. One document per log entry, holding only what filters and
 * sorts: terms for the tags, doc values for time, id and the entry's log position; the documents
 * themselves stay in the log. The index is sorted newest first (time, then id), so a listing reads
 * matches in listing order and stops after one page, and a conjunction of tags skips through both
 * posting lists instead of scanning one tag's history.
 */
final class IndexSchema {

    static final String KIND = "kind";
    static final String ID = "id";
    static final String TIME = "t";
    static final String ID_HIGH = "idh";
    static final String ID_LOW = "idl";
    static final String POSITION = "pos";
    static final String RULE = "rule";
    static final String CAUSE = "cause";
    static final String ADVICE = "advice";
    static final String VERSION = "version";
    static final String PATIENT = "patient";
    static final String CARD = "card";
    static final String OUTCOME = "outcome";

    /** Newest first, then the larger id: the order of every listing. */
    static final Sort NEWEST_FIRST = new Sort(new SortField(TIME, SortField.Type.LONG, true),
            new SortField(ID_HIGH, SortField.Type.LONG, true), new SortField(ID_LOW, SortField.Type.LONG, true));

    private IndexSchema() {
    }

    static String kindTerm(byte kind) {
        return switch (kind) {
            case Entries.EVALUATION -> "evaluation";
            case Entries.RULESET -> "ruleset";
            case Entries.FEEDBACK -> "feedback";
            default -> throw new IllegalArgumentException("unknown entry kind " + kind);
        };
    }

    static Document document(Entries.Indexed entry, long position) {
        Document doc = new Document();
        doc.add(new StringField(KIND, kindTerm(entry.kind()), Field.Store.NO));
        doc.add(new StringField(ID, idBytes(entry.id()), Field.Store.NO));
        doc.add(new NumericDocValuesField(TIME, entry.timeNanos()));
        doc.add(new NumericDocValuesField(ID_HIGH, entry.id().getMostSignificantBits()));
        doc.add(new NumericDocValuesField(ID_LOW, entry.id().getLeastSignificantBits()));
        doc.add(new NumericDocValuesField(POSITION, position));
        if (entry.rulesetVersion() != null) {
            doc.add(new StringField(VERSION, entry.rulesetVersion(), entry.kind() == Entries.RULESET ? Field.Store.YES : Field.Store.NO));
        }
        if (entry.patientPseudonym() != null) {
            doc.add(new StringField(PATIENT, entry.patientPseudonym(), Field.Store.NO));
        }
        if (entry.outcome() != null) {
            doc.add(new StringField(OUTCOME, entry.outcome(), Field.Store.NO));
        }
        entry.rules().forEach(rule -> doc.add(new StringField(RULE, rule, Field.Store.NO)));
        entry.causes().forEach(cause -> doc.add(new StringField(CAUSE, cause, Field.Store.NO)));
        entry.advice().forEach(advice -> doc.add(new StringField(ADVICE, advice, Field.Store.NO)));
        entry.cards().forEach(card -> doc.add(new StringField(CARD, card, Field.Store.NO)));
        return doc;
    }

    static BytesRef idBytes(UUID id) {
        return new BytesRef(ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
    }

    /** A filter-only query builder: every clause must match, none scores. */
    static final class Filter {
        private final BooleanQuery.Builder builder = new BooleanQuery.Builder();

        Filter(byte kind) {
            term(KIND, kindTerm(kind));
        }

        Filter term(String field, String value) {
            if (value != null) {
                builder.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
            }
            return this;
        }

        Filter id(UUID id) {
            builder.add(new TermQuery(new Term(ID, idBytes(id))), BooleanClause.Occur.FILTER);
            return this;
        }

        /** {@code from} inclusive, {@code to} exclusive, {@code after} (a cursor) inclusive: the page skips it. */
        Filter time(Instant from, Instant to, AuditQuery.Position after) {
            long lower = from == null ? Long.MIN_VALUE : Entries.nanos(from);
            long upper = to == null ? Long.MAX_VALUE : Entries.nanos(to) - 1;
            if (after != null) {
                upper = Math.min(upper, Entries.nanos(after.at()));
            }
            if (lower != Long.MIN_VALUE || upper != Long.MAX_VALUE) {
                // Binary search on the index sort; the slow query only for segments sorted otherwise.
                builder.add(new IndexSortSortedNumericDocValuesRangeQuery(TIME, lower, upper,
                        NumericDocValuesField.newSlowRangeQuery(TIME, lower, upper)), BooleanClause.Occur.FILTER);
            }
            return this;
        }

        Query build() {
            return builder.build();
        }
    }

    /** A hit: the entry's id, time and log position. */
    record Hit(UUID id, long timeNanos, long position) {
    }

    /** Up to {@code limit} hits in listing order, after the cursor position if one is given. */
    static List<Hit> search(IndexSearcher searcher, Query query, int limit, AuditQuery.Position after) throws IOException {
        FieldDoc afterDoc = after == null ? null : new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[]{
                Entries.nanos(after.at()), after.id().getMostSignificantBits(), after.id().getLeastSignificantBits()});
        TopFieldDocs top = searcher.search(query, new TopFieldCollectorManager(NEWEST_FIRST, limit, afterDoc, limit, false));
        return hits(searcher, top.scoreDocs);
    }

    static List<Hit> hits(IndexSearcher searcher, ScoreDoc[] docs) throws IOException {
        List<Hit> hits = new ArrayList<>(docs.length);
        for (ScoreDoc doc : docs) {
            Object[] values = ((FieldDoc) doc).fields;
            hits.add(new Hit(new UUID((Long) values[1], (Long) values[2]), (Long) values[0], position(searcher, doc.doc)));
        }
        return hits;
    }

    static long position(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        NumericDocValues positions = leaf.reader().getNumericDocValues(POSITION);
        if (positions == null || !positions.advanceExact(doc - leaf.docBase)) {
            throw new IllegalStateException("an index entry has no log position");
        }
        return positions.longValue();
    }
}
