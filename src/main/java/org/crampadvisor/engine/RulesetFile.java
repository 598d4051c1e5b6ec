package org.crampadvisor.engine;

import java.nio.charset.StandardCharsets;

/**
 * One file of a ruleset.
 *
 * @param path    path relative to the rules folder, with forward slashes
 * @param sha256  hex SHA-256 of the content
 * @param content the bytes as read
 */
public record RulesetFile(String path, String sha256, byte[] content) {

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    public boolean isDrl() {
        return path.endsWith(".drl");
    }
}
