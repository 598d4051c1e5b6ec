package org.crampadvisor.model;

/**
 * A medication, resolved against {@code rules/catalogues/medications.csv}.
 *
 * @param name      the name as sent (generic or brand)
 * @param generic   the catalogue's generic name, or {@code null} when the catalogue does not know it
 * @param drugClass the pharmacological class, e.g. "loop diuretic"
 * @param group     the catalogue group rules match on, e.g. "diuretic"
 */
public record Medication(String field, String name, String generic, String drugClass, String group) {

    public boolean recognized() {
        return generic != null;
    }

    /** For finding texts: {@code Lasix (furosemide, loop diuretic)}, or {@code furosemide (loop diuretic)}. */
    public String describe() {
        if (!recognized()) {
            return name;
        }
        String what = name.equalsIgnoreCase(generic) ? drugClass : generic + ", " + drugClass;
        return name + " (" + what + ")";
    }
}
