package org.crampadvisor.console;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright for Java, with no browser download. Where Chromium is missing the
 * browser tests are skipped with a message naming the package, except in CI ({@code CI=true}), where
 * that is a failure: CI must run them.
 */
final class Chromium {

    static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("ADVISOR_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    /** Without the networking flags this machine's closed network refuses Chromium's own connections. */
    private static final List<String> FLAGS = List.of("--no-sandbox", "--headless", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private Chromium() {
    }

    /** Skips (or, in CI, fails) the calling test class when there is no Chromium to drive. */
    static void requireChromium() {
        if (Files.isExecutable(EXECUTABLE)) {
            return;
        }
        String message = "BROWSER TESTS NOT RUN: no Chromium at " + EXECUTABLE
                + "; install it with `apt-get install -y chromium chromium-driver` (Debian) to run the console's browser tests";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: the browser tests are required)");
        }
        System.err.println("\n*** " + message + " ***\n");
        Assumptions.abort(message);
    }

    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** A browser with a fresh profile under target/, a 1280×800 window. */
    static BrowserContext launch(Playwright playwright) {
        try {
            Path profile = Files.createDirectories(Path.of("target/chromium-profiles"));
            Path userDataDir = Files.createTempDirectory(profile, "console-");
            return playwright.chromium().launchPersistentContext(userDataDir, new BrowserType.LaunchPersistentContextOptions()
                    .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(FLAGS).setViewportSize(1280, 800)
                    .setTimeout(60_000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core, from its webjar on the test class path. */
    static String axeSource() {
        try (InputStream in = Chromium.class.getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/axe-core/" + System.getProperty("axe-core.version", "4.6.3") + "/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core is not on the test class path (org.webjars.npm:axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
