package org.crampadvisor.model;

import java.util.List;

/**
 * A medication, resolved against {@code rules/catalogues/medications.csv}.
 *
 * @param name      the name as sent (generic or brand)
 * @param generic   the catalogue's generic name, or {@code null} when the catalogue does not know it
 * @param drugClass the pharmacological class, e.g. "loop diuretic"
 * @param group     the first of its catalogue groups (kept for rulesets written before a drug could be in
 *                  several groups; new rules match {@code groups contains "..."})
 * @param groups    every catalogue group it is in, e.g. "diuretic" and "potassium-sparing diuretic"
 */
public record Medication(String field, String name, String generic, String drugClass, String group, List<String> groups) {

    public Medication {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public boolean recognized() {
        return generic != null;
    }

    /**
     * {@code Lasix (furosemide, loop diuretic)}, or {@code furosemide (loop diuretic)}. Wording for rules
     * written before the findings table; archived versions call it, so it stays.
     */
    public String describe() {
        if (!recognized()) {
            return name;
        }
        String what = name.equalsIgnoreCase(generic) ? drugClass : generic + ", " + drugClass;
        return name + " (" + what + ")";
    }
}
