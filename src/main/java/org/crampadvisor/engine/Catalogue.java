package org.crampadvisor.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A catalogue of the rules folder: entries found by any of their names (generic, brand, synonym),
 * case-insensitively.
 */
public final class Catalogue<E> {

    private final String file;
    private final Map<String, E> byName;
    private final List<E> entries;

    Catalogue(String file, Map<String, E> byName, List<E> entries) {
        this.file = file;
        this.byName = Map.copyOf(byName);
        this.entries = List.copyOf(entries);
    }

    public Optional<E> find(String name) {
        return Optional.ofNullable(byName.get(NameKey.of(name)));
    }

    public String file() {
        return file;
    }

    public List<E> entries() {
        return entries;
    }
}
