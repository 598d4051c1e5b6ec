package org.crampadvisor.model;

/**
 * A herbal supplement, resolved against {@code rules/catalogues/herbal-supplements.csv}.
 *
 * @param name         the name as sent
 * @param recognizedAs the catalogue's name for it, or {@code null} when the catalogue does not know it
 * @param concern      why the catalogue lists it, e.g. "lowers potassium"
 */
public record HerbalSupplement(String field, String name, String recognizedAs, String concern) {

    public boolean recognized() {
        return recognizedAs != null;
    }

    /** For finding texts: {@code liquorice (licorice root: lowers potassium)}. */
    public String describe() {
        if (!recognized()) {
            return name;
        }
        String what = name.equalsIgnoreCase(recognizedAs) ? concern : recognizedAs + ": " + concern;
        return name + " (" + what + ")";
    }
}
