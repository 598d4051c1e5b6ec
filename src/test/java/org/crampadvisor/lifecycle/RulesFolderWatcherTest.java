package org.crampadvisor.lifecycle;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change in the rules folder starts one reload once the folder is quiet; irrelevant files start none.
 * The debounce is driven by a scripted change source, so "five saves, one reload" is decided by events,
 * not by how fast the machine is; the file-system tests wait for the callback, never for time to pass.
 */
class RulesFolderWatcherTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path folder;

    private final BlockingQueue<Set<String>> callbacks = new LinkedBlockingQueue<>();
    private RulesFolderWatcher watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    /** Hands the watcher a batch of changes at a time; {@link #quiet()} says the folder then stayed quiet. */
    private static final class ScriptedChanges implements RulesFolderWatcher.ChangeSource {
        private static final Set<String> QUIET_MARK = Set.of("(quiet)");
        private final BlockingQueue<Set<String>> script = new LinkedBlockingQueue<>();
        final List<Duration> quietPeriodsAskedFor = new ArrayList<>();

        void change(String... paths) {
            script.add(Set.of(paths));
        }

        void quiet() {
            script.add(QUIET_MARK);
        }

        @Override
        public Set<String> next() throws InterruptedException {
            Set<String> batch = script.take();
            return batch == QUIET_MARK ? Set.of() : batch;
        }

        @Override
        public Set<String> nextWithin(Duration quiet) throws InterruptedException {
            quietPeriodsAskedFor.add(quiet);
            Set<String> batch = script.take();
            return batch == QUIET_MARK ? Set.of() : batch;
        }

        @Override
        public void close() {
        }
    }

    private Set<String> nextCallback() throws InterruptedException {
        Set<String> changed = callbacks.poll(30, TimeUnit.SECONDS);
        assertThat(changed).as("a reload was started").isNotNull();
        return changed;
    }

    @Test
    void shouldReloadOnceForASaveOfFiveFilesThatArriveBeforeTheFolderIsQuiet() throws Exception {
        ScriptedChanges changes = new ScriptedChanges();
        watcher = new RulesFolderWatcher(folder, QUIET, callbacks::add, changes);
        watcher.start();

        for (int i = 0; i < 5; i++) {
            changes.change("causes/rule-" + i + ".drl");
        }
        changes.quiet();
        changes.change("tables/thresholds.csv");
        changes.quiet();

        assertThat(nextCallback()).containsExactlyInAnyOrder("causes/rule-0.drl", "causes/rule-1.drl",
                "causes/rule-2.drl", "causes/rule-3.drl", "causes/rule-4.drl");
        // The next callback is the change after the quiet period: the five saves started exactly one reload.
        assertThat(nextCallback()).containsExactly("tables/thresholds.csv");
        assertThat(changes.quietPeriodsAskedFor).allSatisfy(d -> assertThat(d).isEqualTo(QUIET));
    }

    @Test
    void shouldNotReloadForEditorSwapFilesHiddenFilesAndOtherFiles() throws Exception {
        ScriptedChanges changes = new ScriptedChanges();
        watcher = new RulesFolderWatcher(folder, QUIET, callbacks::add, changes);
        watcher.start();

        changes.change("causes/.electrolyte-imbalance.drl.swp", "causes/electrolyte-imbalance.drl~", "NOTES.md",
                ".git/", "rules.drl.bak");
        changes.quiet();
        changes.change("scenarios/new.yaml");
        changes.quiet();

        assertThat(nextCallback()).as("the irrelevant files started no reload of their own").containsExactly(
                "scenarios/new.yaml");
    }

    @Test
    void shouldReloadForAFolderThatMayHaveBeenDeletedAndWhenTheWatchLostTrack() {
        assertThat(RulesFolderWatcher.relevant(Set.of("causes/", ".hidden/", RulesFolderWatcher.EVERYTHING)))
                .containsExactlyInAnyOrder("causes", RulesFolderWatcher.EVERYTHING);
    }

    @Test
    void shouldSeeRealSavesInTheFolderAndInANewSubfolderButNotIrrelevantFiles() throws Exception {
        Files.createDirectories(folder.resolve("causes"));
        watcher = new RulesFolderWatcher(folder, QUIET, callbacks::add);
        watcher.start();

        Files.writeString(folder.resolve("causes/.electrolyte-imbalance.drl.swp"), "swap");
        Files.writeString(folder.resolve("NOTES.md"), "notes");
        Files.writeString(folder.resolve("causes/electrolyte-imbalance.drl"), "package causes;\n");
        assertThat(collectUntil("causes/electrolyte-imbalance.drl"))
                .as("every path a reload was started for").containsExactly("causes/electrolyte-imbalance.drl");

        Path tables = Files.createDirectories(folder.resolve("tables"));
        assertThat(collectUntil("tables")).contains("tables");
        Files.writeString(tables.resolve("thresholds.csv"), "name,value,unit,meaning\n");
        assertThat(collectUntil("tables/thresholds.csv")).contains("tables/thresholds.csv");
    }

    /** The paths of every callback up to and including the one that names {@code path}. */
    private Set<String> collectUntil(String path) throws InterruptedException {
        Set<String> seen = new TreeSet<>();
        while (!seen.contains(path)) {
            seen.addAll(nextCallback());
        }
        return seen;
    }
}
