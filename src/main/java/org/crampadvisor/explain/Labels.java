package org.crampadvisor.explain;

import org.crampadvisor.engine.ReferenceData;

import java.util.Locale;
import java.util.Map;

/**
 * The words explanations use for an input ({@code labs[analyte=magnesium]} is "serum magnesium") or a fact
 * field ({@code Condition.group} is "catalogue group"): the clinician's label from
 * {@code rules/tables/labels.csv}, or, where the table has none (or the ruleset predates it), the name
 * in plain words ({@code activity.restDaysPerWeek} is "activity: rest days per week").
 */
public final class Labels {

    private final Map<String, ReferenceData.Label> table;

    Labels(ReferenceData reference) {
        this.table = reference.labels();
    }

    /** The label of an input path or a {@code Type.field} name. */
    public String of(String name) {
        ReferenceData.Label label = table.get(name);
        return label != null ? label.label() : inWords(name);
    }

    /** Whether the table gives this name a label of its own. */
    boolean hasOwnLabel(String name) {
        return table.containsKey(name);
    }

    /** {@code labs[analyte=vitamin-d]} is "labs: vitamin d", {@code activity.restDaysPerWeek} "activity: rest days per week". */
    static String inWords(String name) {
        int bracket = name.indexOf('[');
        if (bracket > 0 && name.endsWith("]")) {
            String keyValue = name.substring(name.indexOf('=', bracket) + 1, name.length() - 1);
            return words(name.substring(0, bracket)) + ": " + words(keyValue);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String owner = name.substring(0, dot);
            String field = words(name.substring(dot + 1));
            // A fact field (Condition.group) reads as the field alone; a request path keeps its section.
            return Character.isUpperCase(owner.charAt(0)) ? field : words(owner) + ": " + field;
        }
        return words(name);
    }

    /** {@code restDaysPerWeek} is "rest days per week", {@code vitamin-d} "vitamin d", {@code diet.lowIn} "diet low in". */
    static String words(String identifier) {
        StringBuilder out = new StringBuilder(identifier.length() + 8);
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (c == '-' || c == '_' || c == '.') {
                out.append(' ');
            } else if (Character.isUpperCase(c) && i > 0) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
