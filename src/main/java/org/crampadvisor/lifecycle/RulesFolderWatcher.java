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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches a rules folder and its subfolders, and calls back once the folder has been quiet for a
 * while after a change: saving five files is one reload, not five. Changes that cannot affect a reload
 * (editor swap files, hidden files) are ignored. The callback runs on the watcher's own thread; changes
 * made while it runs lead to one more call afterwards.
 */
public final class RulesFolderWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RulesFolderWatcher.class);

    private final Path folder;
    private final Duration quietPeriod;
    private final Runnable onChange;
    private final WatchService watchService;
    private final Map<WatchKey, Path> watchedFolders = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public RulesFolderWatcher(Path folder, Duration quietPeriod, Runnable onChange) throws IOException {
        this.folder = folder.toAbsolutePath().normalize();
        this.quietPeriod = quietPeriod;
        this.onChange = onChange;
        this.watchService = FileSystems.getDefault().newWatchService();
        watchTree(this.folder);
        this.thread = new Thread(this::watch, "rules-folder-watcher");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void watch() {
        boolean changed = false;
        while (running) {
            WatchKey key;
            try {
                key = changed ? watchService.poll(quietPeriod.toNanos(), TimeUnit.NANOSECONDS) : watchService.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            if (key == null) {
                changed = false;
                runCallback();
                continue;
            }
            Path watched = watchedFolders.get(key);
            for (WatchEvent<?> event : key.pollEvents()) {
                changed |= watched == null || affectsReload(watched, event);
            }
            if (!key.reset()) {
                watchedFolders.remove(key);
            }
        }
    }

    private boolean affectsReload(Path watched, WatchEvent<?> event) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            return true;
        }
        Path changed = watched.resolve((Path) event.context());
        String relative = folder.relativize(changed).toString().replace(changed.getFileSystem().getSeparator(), "/");
        if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed, LinkOption.NOFOLLOW_LINKS)) {
            watchTree(changed);
            return true;
        }
        if (RulesFolder.affectsReload(relative)) {
            return true;
        }
        // A deleted folder can no longer be asked whether it was one; a name without a dot may have been.
        String name = changed.getFileName().toString();
        return event.kind() == StandardWatchEventKinds.ENTRY_DELETE && !name.contains(".");
    }

    private void runCallback() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            // The watcher must outlive a failed reload; the reloader reports its own failures.
            LOG.errorf("A reload after a change in %s failed: %s", folder, e.getClass().getName());
        }
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
        running = false;
        try {
            watchService.close();
        } catch (IOException e) {
            LOG.debugf("Closing the watch service of %s: %s", folder, e.getMessage());
        }
        thread.interrupt();
    }
}
