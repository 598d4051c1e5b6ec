package org.crampadvisor.audit.embedded;

import org.crampadvisor.audit.AuditRecord;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.audit.Feedback;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetFile;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The binary form of the log's entries. Each entry is a kind byte, the fields a tail scan needs without
 * decompressing (id, time), and one deflate-compressed block with everything else: the tags come
 * before the documents in that block, so the rule names in the trace compress against them.
 */
final class Entries {

    static final byte EVALUATION = 1;
    static final byte RULESET = 2;
    static final byte FEEDBACK = 3;

    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

    private Entries() {
    }

    /** What the query index needs of an entry; the documents stay in the log. */
    record Indexed(byte kind, UUID id, long timeNanos, String rulesetVersion, String patientPseudonym,
                   Collection<String> rules, Collection<String> causes, Collection<String> advice,
                   Collection<String> cards, String outcome) {

        static Indexed of(AuditRecord r) {
            return new Indexed(EVALUATION, r.evaluationId(), nanos(r.evaluatedAt()), r.rulesetVersion(),
                    r.patientPseudonym(), r.rulesFired(), r.causes(), r.advice(), r.cardIds(), null);
        }

        static Indexed of(Feedback f) {
            return new Indexed(FEEDBACK, f.feedbackId(), nanos(f.receivedAt()), null, null, f.rules(), List.of(),
                    List.of(), List.of(f.card()), f.outcome());
        }

        static Indexed of(Ruleset ruleset, Instant firstUsedAt) {
            return new Indexed(RULESET, new UUID(0, 0), nanos(firstUsedAt), ruleset.version(), null, List.of(),
                    List.of(), List.of(), List.of(), null);
        }
    }

    static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    static byte[] evaluation(AuditRecord r) {
        return entry(EVALUATION, r.evaluationId(), r.evaluatedAt(), out -> {
            out.writeUTF(r.principal());
            out.writeUTF(r.rulesetVersion());
            optional(out, r.patientPseudonym());
            out.writeLong(r.durationMicros());
            optional(out, r.originJson());
            strings(out, r.cardIds());
            strings(out, r.rulesFired());
            strings(out, r.causes());
            strings(out, r.advice());
            text(out, r.requestJson());
            text(out, r.responseJson());
        });
    }

    static byte[] ruleset(Ruleset ruleset, Instant firstUsedAt) {
        return entry(RULESET, new UUID(0, 0), firstUsedAt, out -> {
            out.writeUTF(ruleset.version());
            out.writeLong(ruleset.loadedAt().getEpochSecond());
            out.writeInt(ruleset.loadedAt().getNano());
            out.writeInt(ruleset.files().size());
            for (RulesetFile file : ruleset.files()) {
                out.writeUTF(file.path());
                out.writeUTF(file.sha256());
                text(out, file.text());
            }
        });
    }

    static byte[] feedback(Feedback f) {
        return entry(FEEDBACK, f.feedbackId(), f.receivedAt(), out -> {
            out.writeUTF(f.card());
            out.writeUTF(f.service());
            out.writeLong(f.evaluationId().getMostSignificantBits());
            out.writeLong(f.evaluationId().getLeastSignificantBits());
            out.writeUTF(f.outcome());
            optional(out, f.overrideReasonJson());
            out.writeBoolean(f.outcomeTimestamp() != null);
            if (f.outcomeTimestamp() != null) {
                out.writeLong(f.outcomeTimestamp().getEpochSecond());
                out.writeInt(f.outcomeTimestamp().getNano());
            }
            strings(out, f.rules());
        });
    }

    static byte kind(ByteBuffer entry) {
        return entry.get(0);
    }

    static UUID id(ByteBuffer entry) {
        return new UUID(entry.getLong(1), entry.getLong(9));
    }

    static long timeNanos(ByteBuffer entry) {
        return entry.getLong(17);
    }

    static AuditRepository.StoredEvaluation readEvaluation(ByteBuffer entry) {
        return decode(entry, in -> {
            String principal = in.readUTF();
            String version = in.readUTF();
            optional(in); // pseudonym: inside the request already
            long duration = in.readLong();
            String origin = optional(in);
            for (int i = 0; i < 4; i++) {
                strings(in); // cards and tags: for the index
            }
            return new AuditRepository.StoredEvaluation(id(entry), instant(timeNanos(entry)), principal, version,
                    duration, text(in), text(in), origin);
        });
    }

    static Indexed readIndexed(ByteBuffer entry) {
        byte kind = kind(entry);
        UUID id = id(entry);
        long time = timeNanos(entry);
        return decode(entry, in -> switch (kind) {
            case EVALUATION -> {
                in.readUTF();
                String version = in.readUTF();
                String pseudonym = optional(in);
                in.readLong();
                optional(in);
                List<String> cards = strings(in);
                yield new Indexed(kind, id, time, version, pseudonym, strings(in), strings(in), strings(in), cards, null);
            }
            case RULESET -> new Indexed(kind, id, time, in.readUTF(), null, List.of(), List.of(), List.of(), List.of(), null);
            case FEEDBACK -> {
                String card = in.readUTF();
                in.readUTF();
                in.readLong();
                in.readLong();
                String outcome = in.readUTF();
                optional(in);
                if (in.readBoolean()) {
                    in.readLong();
                    in.readInt();
                }
                yield new Indexed(kind, id, time, null, null, strings(in), List.of(), List.of(), List.of(card), outcome);
            }
            default -> throw new IllegalStateException("unknown audit entry kind " + kind);
        });
    }

    static AuditRepository.StoredRuleset readRuleset(ByteBuffer entry) {
        return decode(entry, in -> {
            String version = in.readUTF();
            Instant loadedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
            int count = in.readInt();
            List<AuditRepository.StoredFile> files = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                files.add(new AuditRepository.StoredFile(in.readUTF(), in.readUTF(), text(in)));
            }
            files.sort(java.util.Comparator.comparing(AuditRepository.StoredFile::path));
            return new AuditRepository.StoredRuleset(version, loadedAt, instant(timeNanos(entry)), files);
        });
    }

    static Feedback readFeedback(ByteBuffer entry) {
        return decode(entry, in -> {
            String card = in.readUTF();
            String service = in.readUTF();
            UUID evaluation = new UUID(in.readLong(), in.readLong());
            String outcome = in.readUTF();
            String reason = optional(in);
            Instant outcomeAt = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
            return new Feedback(id(entry), card, service, evaluation, outcome, reason, outcomeAt,
                    instant(timeNanos(entry)), strings(in));
        });
    }

    // --- encoding

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static final int HEADER = 1 + 16 + 8;

    private static byte[] entry(byte kind, UUID id, Instant at, Writer body) {
        try {
            ByteArrayOutputStream plain = new ByteArrayOutputStream(8192);
            body.write(new DataOutputStream(plain));
            byte[] input = plain.toByteArray();
            Deflater deflater = DEFLATER.get();
            deflater.reset();
            deflater.setInput(input);
            deflater.finish();
            byte[] out = new byte[HEADER + input.length / 3 + 64];
            ByteBuffer.wrap(out).put(kind).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                    .putLong(nanos(at));
            int length = HEADER;
            while (!deflater.finished()) {
                if (length == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            return java.util.Arrays.copyOf(out, length);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding in memory cannot fail", e);
        }
    }

    private static <T> T decode(ByteBuffer entry, Reader<T> body) {
        byte[] compressed = new byte[entry.remaining() - HEADER];
        entry.duplicate().position(entry.position() + HEADER).get(compressed);
        Inflater inflater = INFLATER.get();
        inflater.reset();
        inflater.setInput(compressed);
        byte[] out = new byte[Math.max(1024, compressed.length * 8)];
        int length = 0;
        try {
            while (!inflater.finished()) {
                if (length == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("an audit entry's compressed block is cut short");
                }
                length += n;
            }
            return body.read(new DataInputStream(new java.io.ByteArrayInputStream(out, 0, length)));
        } catch (DataFormatException e) {
            throw new IllegalStateException("an audit entry's compressed block is damaged", e);
        } catch (IOException e) {
            throw new IllegalStateException("an audit entry is damaged", e);
        }
    }

    private static void optional(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            text(out, value);
        }
    }

    private static String optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? text(in) : null;
    }

    private static void strings(DataOutputStream out, Collection<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readUTF());
        }
        return values;
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
