package org.crampadvisor.lifecycle;

import org.crampadvisor.RulesFolderCopy;

import java.nio.file.Path;

/** The edits a rule author makes, good and bad, on a copy of the shipped rules. */
final class RuleEdits {

    static final String POTASSIUM_RULE = "causes/electrolyte-imbalance.drl";
    static final String POTASSIUM_PATTERN = "$lab   : LabResult( analyte == \"potassium\", canonicalValue < $limit.value )\n";
    static final String POTASSIUM_DESCRIPTION = "@description(\"A serum potassium below the lower limit is an electrolyte "
            + "imbalance that can make muscles cramp.";
    static final String THRESHOLDS = "tables/thresholds.csv";
    static final String POTASSIUM_LOW = "potassium.low,3.5,";
    static final String REST_DAYS_RULE = "causes/overuse-or-strain.drl";
    static final String REST_DAYS_SOURCE = "rule \"Intense activity without rest days\"\n"
            + "    @description(\"Intense activity with no rest day in the week gives muscles no time to recover.\")\n"
            + "    @source(\"Overuse or Strain\")\n";

    private RuleEdits() {
    }

    /** A valid change: the potassium rule's description says something new. */
    static void rewordDescription(Path folder, String from, String to) {
        RulesFolderCopy.replace(folder, POTASSIUM_RULE, from, to);
    }

    /** A closing parenthesis forgotten in the potassium rule. */
    static void breakSyntax(Path folder) {
        RulesFolderCopy.replace(folder, POTASSIUM_RULE, POTASSIUM_PATTERN, POTASSIUM_PATTERN.replace(" )\n", "\n"));
    }

    static void fixSyntax(Path folder) {
        RulesFolderCopy.replace(folder, POTASSIUM_RULE, POTASSIUM_PATTERN.replace(" )\n", "\n"), POTASSIUM_PATTERN);
    }

    /** Potassium 3.5 becomes low, which the boundary scenario says it is not. */
    static void breakScenario(Path folder) {
        RulesFolderCopy.replace(folder, THRESHOLDS, POTASSIUM_LOW, "potassium.low,3.6,");
    }

    static void fixScenario(Path folder) {
        RulesFolderCopy.replace(folder, THRESHOLDS, "potassium.low,3.6,", POTASSIUM_LOW);
    }

    /** The rest-days rule loses its @source. */
    static void breakLint(Path folder) {
        RulesFolderCopy.replace(folder, REST_DAYS_RULE, REST_DAYS_SOURCE, REST_DAYS_SOURCE.replace("    @source(\"Overuse or Strain\")\n", ""));
    }

    static void fixLint(Path folder) {
        RulesFolderCopy.replace(folder, REST_DAYS_RULE, REST_DAYS_SOURCE.replace("    @source(\"Overuse or Strain\")\n", ""), REST_DAYS_SOURCE);
    }
}
