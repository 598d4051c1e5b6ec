package org.crampadvisor.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The files of a rules folder, read at one moment, and the version they hash to. */
public record RulesetSource(Path folder, List<RulesetFile> files, String version) {

    public Optional<RulesetFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
