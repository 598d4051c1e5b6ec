package org.crampadvisor.lifecycle;

import io.quarkus.test.junit.QuarkusTestProfile;
import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A service whose rules folder is a copy of the shipped one that tests may edit, reloaded only on
 * request: the tests decide when a reload happens.
 */
public class EditableRules implements QuarkusTestProfile {

    public static final Path FOLDER = Path.of("target/test-rules/editable").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        restore(FOLDER);
        return Map.of("advisor.rules.dir", FOLDER.toString(),
                "advisor.rules.watch", "false",
                "advisor.data-dir", "target/test-data/editable-rules");
    }

    /** Puts the shipped rules back into the folder, which keeps its path. */
    public static void restore(Path folder) {
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                        if (!path.equals(folder)) {
                            Files.delete(path);
                        }
                    }
                }
                Files.delete(folder);
            }
            Files.createDirectories(folder.getParent());
            RulesFolderCopy.of(RulesFolderFixture.RULES, folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, watched for changes with a short quiet period. */
    public static class Watched implements QuarkusTestProfile {

        public static final Path FOLDER = Path.of("target/test-rules/watched").toAbsolutePath();

        @Override
        public Map<String, String> getConfigOverrides() {
            restore(FOLDER);
            return Map.of("advisor.rules.dir", FOLDER.toString(),
                    "advisor.rules.watch", "true",
                    "advisor.rules.watch-quiet-period", "PT1S",
                    "advisor.data-dir", "target/test-data/watched-rules");
        }
    }
}
