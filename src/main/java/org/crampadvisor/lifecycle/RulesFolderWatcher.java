package org.crampadvisor.lifecycle;

import org.crampadvisor.engine.RulesFolder;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a rules folder and its subfolders, and calls back once the folder has been quiet for a
 * while after a change, with every changed path: saving five files is one reload, not five. Changes
 * that cannot affect a reload (editor swap files, hidden files) are ignored. The callback runs on the
 * watcher's own thread; changes made while it runs lead to one more call afterwards.
 */
public final class RulesFolderWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RulesFolderWatcher.class);

    /**
     * Where changes come from: the file system's watch service, or a script in a test.
     */
    interface ChangeSource extends AutoCloseable {

        /** Waits for the next changes; each a path relative to the rules folder (a folder ends with '/'). */
        Set<String> next() throws InterruptedException;

        /** The next changes within {@code quiet}, or an empty set when the folder stayed quiet that long. */
        Set<String> nextWithin(Duration quiet) throws InterruptedException;

        @Override
        void close();
    }

    /** Stands for "anything may have changed", when the watch service lost track of the changes. */
    static final String EVERYTHING = "/";

    private final Path folder;
    private final Duration quietPeriod;
    private final Consumer<Set<String>> onChange;
    private final ChangeSource changes;
    private final Thread thread;
    private volatile boolean running = true;

    public RulesFolderWatcher(Path folder, Duration quietPeriod, Consumer<Set<String>> onChange) throws IOException {
        this(folder, quietPeriod, onChange, new WatchServiceSource(folder.toAbsolutePath().normalize()));
    }

    RulesFolderWatcher(Path folder, Duration quietPeriod, Consumer<Set<String>> onChange, ChangeSource changes) {
        this.folder = folder.toAbsolutePath().normalize();
        this.quietPeriod = quietPeriod;
        this.onChange = onChange;
        this.changes = changes;
        this.thread = new Thread(this::watch, "rules-folder-watcher");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void watch() {
        Set<String> pending = new TreeSet<>();
        while (running) {
            try {
                if (pending.isEmpty()) {
                    pending.addAll(relevant(changes.next()));
                    continue;
                }
                Set<String> more = relevant(changes.nextWithin(quietPeriod));
                if (more.isEmpty()) {
                    Set<String> changed = Set.copyOf(pending);
                    pending.clear();
                    runCallback(changed);
                } else {
                    pending.addAll(more);
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
        }
    }

    /** The changes that can affect a reload; a deleted folder cannot be told from a file without a dot. */
    static Set<String> relevant(Set<String> changed) {
        Set<String> relevant = new TreeSet<>();
        for (String path : changed) {
            if (path.equals(EVERYTHING)) {
                relevant.add(path);
                continue;
            }
            String name = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            boolean hidden = List.of(name.split("/")).stream().anyMatch(segment -> segment.startsWith("."));
            if (path.endsWith("/") ? !hidden : RulesFolder.affectsReload(path)) {
                relevant.add(name);
            }
        }
        return relevant;
    }

    private void runCallback(Set<String> changed) {
        try {
            onChange.accept(changed);
        } catch (RuntimeException e) {
            // The watcher must outlive a failed reload; the reloader reports its own failures.
            LOG.errorf("A reload after a change in %s failed: %s", folder, e.getClass().getName());
        }
    }

    @Override
    public void close() {
        running = false;
        changes.close();
        thread.interrupt();
    }

    /** The file system's watch service over the folder and every non-hidden subfolder, new ones included. */
    private static final class WatchServiceSource implements ChangeSource {

        private final Path folder;
        private final WatchService watchService;
        private final Map<WatchKey, Path> watchedFolders = new ConcurrentHashMap<>();

        WatchServiceSource(Path folder) throws IOException {
            this.folder = folder;
            this.watchService = FileSystems.getDefault().newWatchService();
            watchTree(folder);
        }

        @Override
        public Set<String> next() throws InterruptedException {
            return changesOf(watchService.take());
        }

        @Override
        public Set<String> nextWithin(Duration quiet) throws InterruptedException {
            WatchKey key = watchService.poll(quiet.toNanos(), TimeUnit.NANOSECONDS);
            return key == null ? Set.of() : changesOf(key);
        }

        private Set<String> changesOf(WatchKey key) {
            Path watched = watchedFolders.get(key);
            Set<String> changed = new TreeSet<>();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW || watched == null) {
                    changed.add(EVERYTHING); // lost track of what changed
                    continue;
                }
                Path path = watched.resolve((Path) event.context());
                String relative = folder.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
                boolean isFolder = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && isFolder) {
                    watchTree(path);
                }
                boolean deletedFolderMaybe = event.kind() == StandardWatchEventKinds.ENTRY_DELETE
                        && !path.getFileName().toString().contains(".");
                changed.add(isFolder || deletedFolderMaybe ? relative + "/" : relative);
            }
            if (!key.reset()) {
                watchedFolders.remove(key);
            }
            return changed;
        }

        private void watchTree(Path root) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                        if (!dir.equals(folder) && dir.getFileName().toString().startsWith(".")) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        watchedFolders.put(dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                                StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY), dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Cannot watch %s for changes (%s); reload it with POST /api/v1/ruleset/reload", root,
                        e.getClass().getName());
            }
        }

        @Override
        public void close() {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.debugf("Closing the watch service of %s: %s", folder, e.getMessage());
            }
        }
    }
}
