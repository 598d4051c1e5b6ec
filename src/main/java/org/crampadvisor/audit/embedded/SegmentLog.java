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

    /**
     * Read-only channels of the segment files by the position of their first byte. A thread interrupted
     * while reading closes a channel for everyone (NIO's rule); the next read opens it again.
     */
    private final ConcurrentSkipListMap<Long, FileChannel> segments = new ConcurrentSkipListMap<>();
    /** The writer's own channel on the last segment, so that no reader's interrupt can close it. */
    private FileChannel writeChannel;
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
            log.openSegments();
            if (log.segments.isEmpty()) {
                log.createSegment(0);
            } else {
                log.writeChannel = FileChannel.open(log.path(log.segments.lastKey()), StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
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
        log.openSegments();
        log.durableEnd = log.physicalEnd();
        return log;
    }

    private void openSegments() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String name = file.getFileName().toString();
                segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())),
                        FileChannel.open(file, StandardOpenOption.READ));
            }
        }
    }

    private long physicalEnd() throws IOException {
        if (segments.isEmpty()) {
            return 0;
        }
        long last = segments.lastKey();
        return last + Files.size(path(last));
    }

    private Path path(long base) {
        return dir.resolve(String.format("%020d%s", base, SUFFIX));
    }

    private void createSegment(long base) throws IOException {
        Path file = path(base);
        FileChannel created = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (writeChannel != null) {
            writeChannel.close();
        }
        writeChannel = created;
        segments.put(base, FileChannel.open(file, StandardOpenOption.READ));
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
        for (long base : List.copyOf(segments.tailMap(first, true).keySet())) {
            boolean last = base == segments.lastKey();
            long size = Files.size(path(base));
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
                    readFully(base, header, offset);
                    int length = header.getInt(0);
                    if (length <= 0 || length > MAX_PAYLOAD || offset + FRAME_HEADER + length > size) {
                        damage = "a frame is cut short or its length is damaged";
                    } else {
                        payload = ByteBuffer.allocate(length);
                        readFully(base, payload, offset + FRAME_HEADER);
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
                    writeChannel.truncate(offset); // a write that never completed, so was never acknowledged
                    writeChannel.force(true);
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
        try {
            long base = segments.lastKey();
            if (!writeChannel.isOpen()) {
                writeChannel = FileChannel.open(path(base), StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            if (start > base && start - base + total > segmentBytes) {
                createSegment(start);
                base = start;
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
            long offset = start - base;
            while (group.hasRemaining()) {
                offset += writeChannel.write(group, offset);
            }
            writeChannel.force(false);
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
            boolean removed = false;
            for (Long base : List.copyOf(segments.tailMap(end, false).keySet())) {
                segments.remove(base).close();
                Files.deleteIfExists(path(base));
                removed = true;
            }
            long last = segments.lastKey();
            if (removed || !writeChannel.isOpen()) {
                writeChannel.close();
                writeChannel = FileChannel.open(path(last), StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            if (writeChannel.size() > end - last) {
                writeChannel.truncate(end - last);
                writeChannel.force(true);
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
        Long base = segments.floorKey(position);
        if (base == null) {
            throw new NoSuchFileException("no audit log segment holds position " + position);
        }
        ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER);
        readFully(base, header, position - base);
        int length = header.getInt(0);
        if (length <= 0 || length > MAX_PAYLOAD) {
            throw new IOException("no audit entry starts at position " + position);
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(base, payload, position - base + FRAME_HEADER);
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
        for (long base : segments.keySet()) {
            total += Files.size(path(base));
        }
        return total;
    }

    Map<Long, Long> segmentSizes() throws IOException {
        Map<Long, Long> sizes = new TreeMap<>();
        for (long base : segments.keySet()) {
            sizes.put(base, Files.size(path(base)));
        }
        return sizes;
    }

    private static int crc(ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }

    private void readFully(long base, ByteBuffer buffer, long offset) throws IOException {
        for (int attempt = 0; ; attempt++) {
            FileChannel channel = readChannel(base);
            try {
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, offset + buffer.position());
                    if (n < 0) {
                        throw new IOException("the audit log ends inside a frame");
                    }
                }
                return;
            } catch (java.nio.channels.ClosedChannelException e) {
                // Another thread's interrupt closed the shared channel: open it again, once.
                if (attempt > 0 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            }
        }
    }

    private FileChannel readChannel(long base) throws IOException {
        FileChannel channel = segments.get(base);
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        synchronized (segments) {
            channel = segments.get(base);
            if (channel == null || !channel.isOpen()) {
                channel = FileChannel.open(path(base), StandardOpenOption.READ);
                segments.put(base, channel);
            }
            return channel;
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
            if (writeChannel != null) {
                writeChannel.close();
            }
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
