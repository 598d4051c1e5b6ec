package org.crampadvisor.engine;

/**
 * Something wrong with a ruleset, located as precisely as the source allows.
 *
 * @param file    path relative to the rules folder, or {@code null} when the problem is not in one file
 * @param line    1-based line, or {@code null} when unknown
 * @param column  1-based column, or {@code null} when unknown
 * @param message what is wrong, in words
 */
public record RulesetProblem(String file, Integer line, Integer column, String message) {

    public static RulesetProblem inFile(String file, Integer line, String message) {
        return new RulesetProblem(file, line, null, message);
    }

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file == null ? "(ruleset)" : file);
        if (line != null && line > 0) {
            where.append(':').append(line);
            if (column != null && column > 0) {
                where.append(':').append(column);
            }
        }
        return where + ": " + message;
    }
}
