package org.crampadvisor.audit.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The record of truth of the embedded store: append-only segment files of framed entries. A frame is
 * its payload's length, the payload's CRC-32C, and the payload. Entries are addressed by their position,
 * a byte offset over the whole log (a segment's file name is the position of its first byte), so a
 * position stays valid for ever.
 *
 * <p>One writer appends a group of frames with one write and one {@code fdatasync}; only then is the
 * group durable, and only then does {@link #durableEnd()} move past it. A failed write is cut off again
 * (nothing half-written stays in the middle of the log), and a torn write at the end of the last segment,
 * left by a crash, is cut off when the log is opened for writing. Readers (this process or another) read
 * frames at positions below the end they know, with positional reads that never move the writer.
 */
final class SegmentLog implements AutoCloseable {

    static final int FRAME_HEADER = 8;
    private static final int MAX_PAYLOAD = 64 << 20;
    private static final String SUFFIX = ".log";

    /** Open segment files by the position of their first byte. */
    private final ConcurrentSkipListMap<Long, FileChannel> segments = new ConcurrentSkipListMap<>();
    private final Path dir;
    private final long segmentBytes;
    private final boolean writable;
    private FileChannel lockChannel;
    private FileLock lock;
    /** Where the next frame goes; past {@link #durableEnd} only while a group is being written. */
    private long writeEnd;
    private volatile long durableEnd;

    private SegmentLog(Path dir, long segmentBytes, boolean writable) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.writable = writable;
    }

    /** A frame found by a scan: its position, the position after it, and its payload. */
    record Frame(long position, long end, ByteBuffer payload) {
    }

    interface FrameConsumer {
        void accept(Frame frame) throws IOException;
    }

    /**
     * Opens the log for writing (creating it if needed), taking its lock. Frames from {@code scanFrom}
     * on are checked and handed to {@code recovered}; the first frame that is cut short or fails its
     * checksum ends the log, and everything after it is cut off (a write that never completed, so never
     * acknowledged). A damaged frame anywhere but at the end of the last segment stops the opening.
     */
    static SegmentLog openForWriting(Path dir, long segmentBytes, long scanFrom, FrameConsumer recovered) throws IOException {
        Files.createDirectories(dir);
        SegmentLog log = new SegmentLog(dir, segmentBytes, true);
        log.lockChannel = FileChannel.open(dir.resolve("write.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        log.lock = log.lockChannel.tryLock();
        if (log.lock == null) {
            log.lockChannel.close();
            throw new IOException("the audit log in " + dir + " is open for writing in another process");
        }
        try {
            log.openSegments(StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (log.segments.isEmpty()) {
                log.createSegment(0);
            }
            long end = log.scan(Math.min(scanFrom, log.physicalEnd()), Long.MAX_VALUE, recovered, true);
            log.writeEnd = end;
            log.durableEnd = end;
            return log;
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** Opens the log read-only, for another process while the service writes; takes no lock. */
    static SegmentLog openForReading(Path dir) throws IOException {
        SegmentLog log = new SegmentLog(dir, Long.MAX_VALUE, false);
        log.openSegments(StandardOpenOption.READ);
        log.durableEnd = log.physicalEnd();
        return log;
    }

    private void openSegments(StandardOpenOption... options) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String name = file.getFileName().toString();
                segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), FileChannel.open(file, options));
            }
        }
    }

    private long physicalEnd() throws IOException {
        if (segments.isEmpty()) {
            return 0;
        }
        Map.Entry<Long, FileChannel> last = segments.lastEntry();
        return last.getKey() + last.getValue().size();
    }

    private void createSegment(long base) throws IOException {
        Path file = dir.resolve(String.format("%020d%s", base, SUFFIX));
        segments.put(base, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true); // the new file's name is durable before anything in it is acknowledged
        }
    }

    /**
     * Checks and hands over every frame from {@code from} up to {@code until} (or the end); returns the
     * position after the last good frame. With {@code repair}, a damaged end of the last segment is cut off.
     */
    long scan(long from, long until, FrameConsumer consumer, boolean repair) throws IOException {
        long position = from;
        if (segments.isEmpty()) {
            return position;
        }
        Long first = segments.floorKey(Math.max(from, segments.firstKey()));
        ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER);
        for (Map.Entry<Long, FileChannel> segment : segments.tailMap(first, true).entrySet()) {
            long base = segment.getKey();
            FileChannel channel = segment.getValue();
            boolean last = segment.getKey().equals(segments.lastKey());
            long size = channel.size();
            position = Math.max(position, base);
            while (position < until) {
                long offset = position - base;
                if (offset == size) {
                    break; // this segment is done
                }
                String damage = null;
                ByteBuffer payload = null;
                if (offset + FRAME_HEADER > size) {
                    damage = "a frame header is cut short";
                } else {
                    header.clear();
                    readFully(channel, header, offset);
                    int length = header.getInt(0);
                    if (length <= 0 || length > MAX_PAYLOAD || offset + FRAME_HEADER + length > size) {
                        damage = "a frame is cut short or its length is damaged";
                    } else {
                        payload = ByteBuffer.allocate(length);
                        readFully(channel, payload, offset + FRAME_HEADER);
                        payload.flip();
                        if (crc(payload) != header.getInt(4)) {
                            damage = "a frame fails its checksum";
                        }
                    }
                }
                if (damage != null) {
                    if (!repair) {
                        return position; // a reader stops where the writer may still be writing
                    }
                    if (!last) {
                        throw new IOException("the audit log is damaged inside segment " + base + " at offset "
                                + offset + " (" + damage + "); restore it from a backup");
                    }
                    channel.truncate(offset); // a write that never completed, so was never acknowledged
                    channel.force(true);
                    return position;
                }
                long end = position + FRAME_HEADER + payload.remaining();
                consumer.accept(new Frame(position, end, payload));
                position = end;
            }
            if (position >= until) {
                return position;
            }
        }
        return position;
    }

    /**
     * Appends the payloads as one group, then {@code fdatasync}s; returns the position of each frame.
     * On failure the log is cut back to where it was, and the failure thrown: none of the group is written.
     */
    long[] append(List<byte[]> payloads) throws IOException {
        if (!writable) {
            throw new IllegalStateException("the audit log is open for reading only");
        }
        int total = 0;
        for (byte[] payload : payloads) {
            total += FRAME_HEADER + payload.length;
        }
        long start = writeEnd;
        Map.Entry<Long, FileChannel> last = segments.lastEntry();
        try {
            if (start > last.getKey() && start - last.getKey() + total > segmentBytes) {
                createSegment(start);
                last = segments.lastEntry();
            }
            ByteBuffer group = ByteBuffer.allocate(total);
            long[] positions = new long[payloads.size()];
            CRC32C crc = new CRC32C();
            for (int i = 0; i < payloads.size(); i++) {
                byte[] payload = payloads.get(i);
                positions[i] = start + group.position();
                crc.reset();
                crc.update(payload);
                group.putInt(payload.length).putInt((int) crc.getValue()).put(payload);
            }
            group.flip();
            FileChannel channel = last.getValue();
            long offset = start - last.getKey();
            while (group.hasRemaining()) {
                offset += channel.write(group, offset);
            }
            channel.force(false);
            writeEnd = start + total;
            durableEnd = writeEnd;
            return positions;
        } catch (IOException | RuntimeException e) {
            cutBackTo(start);
            throw e;
        }
    }

    /** Removes anything past {@code end} that a failed write may have left; retried by the next append. */
    private void cutBackTo(long end) {
        writeEnd = end;
        try {
            for (Long base : List.copyOf(segments.tailMap(end, false).keySet())) {
                FileChannel empty = segments.remove(base);
                empty.close();
                Files.deleteIfExists(dir.resolve(String.format("%020d%s", base, SUFFIX)));
            }
            Map.Entry<Long, FileChannel> last = segments.lastEntry();
            if (last.getValue().size() > end - last.getKey()) {
                last.getValue().truncate(end - last.getKey());
                last.getValue().force(true);
            }
        } catch (IOException e) {
            // Not durable and never acknowledged; the next opening cuts a damaged tail off in any case.
        }
    }

    /** Writes, syncs and deletes a small file beside the log: succeeds once the disk takes writes again. */
    void probe() throws IOException {
        cutBackTo(writeEnd);
        Path probe = dir.resolve("probe.tmp");
        try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer block = ByteBuffer.allocate(64 * 1024);
            while (block.hasRemaining()) {
                channel.write(block);
            }
            channel.force(false);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** The payload of the frame at {@code position}. */
    ByteBuffer read(long position) throws IOException {
        Map.Entry<Long, FileChannel> segment = segments.floorEntry(position);
        if (segment == null) {
            throw new NoSuchFileException("no audit log segment holds position " + position);
        }
        ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER);
        readFully(segment.getValue(), header, position - segment.getKey());
        int length = header.getInt(0);
        if (length <= 0 || length > MAX_PAYLOAD) {
            throw new IOException("no audit entry starts at position " + position);
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(segment.getValue(), payload, position - segment.getKey() + FRAME_HEADER);
        payload.flip();
        if (crc(payload) != header.getInt(4)) {
            throw new IOException("the audit entry at position " + position + " fails its checksum");
        }
        return payload;
    }

    long durableEnd() {
        return durableEnd;
    }

    /** Bytes on disk, for the storage figures. */
    long sizeOnDisk() throws IOException {
        long total = 0;
        for (FileChannel channel : segments.values()) {
            total += channel.size();
        }
        return total;
    }

    Map<Long, Long> segmentSizes() throws IOException {
        Map<Long, Long> sizes = new TreeMap<>();
        for (var segment : segments.entrySet()) {
            sizes.put(segment.getKey(), segment.getValue().size());
        }
        return sizes;
    }

    private static int crc(ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, offset + buffer.position());
            if (n < 0) {
                throw new IOException("the audit log ends inside a frame");
            }
        }
    }

    @Override
    public void close() {
        for (FileChannel channel : segments.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing
            }
        }
        segments.clear();
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // closing
        }
    }
}
