package org.crampadvisor.impact;

import io.quarkus.test.junit.QuarkusTestProfile;
import org.crampadvisor.lifecycle.EditableRules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A service on a copy of the test rules that tests edit (reloaded only on request), with an audit store
 * of its own that starts empty, so a test knows every decision in it; a preview always answers 202, so
 * that the background path is what the tests see.
 */
public class ImpactRules implements QuarkusTestProfile {

    public static final Path FOLDER = Path.of("target/test-rules/impact").toAbsolutePath();
    public static final Path DATA = Path.of("target/test-data/impact").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        EditableRules.restore(FOLDER);
        delete(DATA);
        return Map.of("advisor.rules.dir", FOLDER.toString(),
                "advisor.rules.watch", "false",
                "advisor.data-dir", DATA.toString(),
                "advisor.impact.answer-within", "PT0S");
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
