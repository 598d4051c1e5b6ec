package org.crampadvisor.model;

/**
 * A recorded condition, resolved against {@code rules/catalogues/conditions.csv}.
 *
 * @param name         the name as sent
 * @param recognizedAs the catalogue's name for it, or {@code null} when the catalogue does not know it
 * @param group        the catalogue group (neurological, malabsorption), or {@code null}
 */
public record Condition(String field, String name, String recognizedAs, String group) {

    public boolean recognized() {
        return recognizedAs != null;
    }

    /** For finding texts: {@code MS (multiple sclerosis)}, or {@code multiple sclerosis}. */
    public String describe() {
        if (!recognized() || name.equalsIgnoreCase(recognizedAs)) {
            return name;
        }
        return name + " (" + recognizedAs + ")";
    }
}
