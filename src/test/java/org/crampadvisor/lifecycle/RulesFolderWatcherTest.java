package org.crampadvisor.lifecycle;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A change in the rules folder starts one reload once the folder is quiet; irrelevant files start none. */
class RulesFolderWatcherTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path folder;

    private final AtomicInteger calls = new AtomicInteger();
    private final Semaphore called = new Semaphore(0);
    private RulesFolderWatcher watcher;

    private void watch() throws Exception {
        Files.createDirectories(folder.resolve("causes"));
        Files.createDirectories(folder.resolve("scenarios"));
        watcher = new RulesFolderWatcher(folder, QUIET, () -> {
            calls.incrementAndGet();
            called.release();
        });
        watcher.start();
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private boolean awaitCall() throws InterruptedException {
        return called.tryAcquire(10, TimeUnit.SECONDS);
    }

    /** Long enough after the quiet period that a second, unwanted call would have happened. */
    private void settle() throws InterruptedException {
        Thread.sleep(QUIET.toMillis() * 4);
    }

    @Test
    void shouldReloadOnceForASaveOfFiveFiles() throws Exception {
        watch();
        for (int i = 0; i < 5; i++) {
            Files.writeString(folder.resolve("causes/rule-" + i + ".drl"), "package causes;\n");
            Thread.sleep(20);
        }

        assertThat(awaitCall()).isTrue();
        settle();
        assertThat(calls).hasValue(1);
    }

    @Test
    void shouldReloadForAScenarioAndForAFileInANewFolder() throws Exception {
        watch();
        Files.writeString(folder.resolve("scenarios/new.yaml"), "name: x\n");
        assertThat(awaitCall()).isTrue();

        Files.createDirectories(folder.resolve("tables"));
        settle();
        int afterFolder = calls.get();
        Files.writeString(folder.resolve("tables/thresholds.csv"), "name,value,unit,text\n");
        assertThat(awaitCall()).isTrue();
        settle();
        assertThat(calls).hasValue(afterFolder + 1);
    }

    @Test
    void shouldIgnoreEditorSwapFilesAndOtherFiles() throws Exception {
        watch();
        Files.writeString(folder.resolve("causes/.electrolyte-imbalance.drl.swp"), "swap");
        Files.writeString(folder.resolve("causes/electrolyte-imbalance.drl~"), "backup");
        Files.writeString(folder.resolve("NOTES.md"), "notes");

        settle();
        assertThat(calls).hasValue(0);
    }
}
