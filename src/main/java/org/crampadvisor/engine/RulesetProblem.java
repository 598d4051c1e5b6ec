package org.crampadvisor.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Something wrong with a ruleset, located as precisely as the source allows.
 *
 * @param check    which check found it
 * @param file     path relative to the rules folder, or {@code null} when the problem is not in one file
 * @param line     1-based line, or {@code null} when unknown
 * @param column   1-based column, or {@code null} when unknown
 * @param rule     the rule it concerns, when it concerns one
 * @param scenario the scenario's name, for a scenario that failed
 * @param message  what is wrong, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RulesetProblem(Check check, String file, Integer line, Integer column, String rule, String scenario,
                             String message) {

    /** The gate's checks, in the order a candidate ruleset goes through them. */
    public enum Check {
        /** Reading the folder. */
        FOLDER,
        /** The tables and catalogues. */
        TABLES,
        /** The rule author's conventions: metadata, unique names, only the service's cause and advice codes. */
        LINT,
        /** Every name a rule compares with or produces exists in the tables, catalogues and enumerations. */
        REFERENCES,
        /** Parsing and compiling the DRL. */
        COMPILE,
        /** Running the scenarios. */
        SCENARIO;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A compile problem. */
    public RulesetProblem(String file, Integer line, Integer column, String message) {
        this(Check.COMPILE, file, line, column, null, null, message);
    }

    public static RulesetProblem inFolder(String message) {
        return new RulesetProblem(Check.FOLDER, null, null, null, null, null, message);
    }

    public static RulesetProblem inTable(String file, Integer line, String message) {
        return new RulesetProblem(Check.TABLES, file, line, null, null, null, message);
    }

    public static RulesetProblem inRule(String file, Integer line, String rule, String message) {
        return new RulesetProblem(Check.LINT, file, line, null, rule, null, message);
    }

    public static RulesetProblem inReferences(String file, Integer line, Integer column, String rule, String message) {
        return new RulesetProblem(Check.REFERENCES, file, line, column, rule, null, message);
    }

    /** Something found by the reference check that does not keep a candidate out. */
    public static RulesetProblem warning(String file, Integer line, String message) {
        return new RulesetProblem(Check.REFERENCES, file, line, null, null, null, message);
    }

    public static RulesetProblem inScenario(String file, String scenario, String message) {
        return inScenario(file, null, null, scenario, message);
    }

    public static RulesetProblem inScenario(String file, Integer line, Integer column, String scenario, String message) {
        return new RulesetProblem(Check.SCENARIO, file, line, column, null, scenario, message);
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
        StringBuilder text = new StringBuilder(where).append(": ");
        if (rule != null) {
            text.append("rule \"").append(rule).append("\": ");
        }
        if (scenario != null) {
            text.append("scenario \"").append(scenario).append("\": ");
        }
        return text.append(message).toString();
    }
}
