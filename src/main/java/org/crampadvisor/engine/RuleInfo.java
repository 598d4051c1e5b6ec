package org.crampadvisor.engine;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * A rule of the active ruleset as a rule author wrote it.
 *
 * @param name     the rule's name
 * @param pkg      its DRL package
 * @param file     the DRL file, relative to the rules folder
 * @param line     the line of its {@code rule} keyword
 * @param metadata its {@code @key(value)} annotations, quotes removed
 */
public record RuleInfo(String name, @JsonProperty("package") String pkg, String file, int line,
                       Map<String, Object> metadata) {

    public String description() {
        return metadata.get("description") instanceof String s ? s : null;
    }

    public String source() {
        return metadata.get("source") instanceof String s ? s : null;
    }
}
