package org.crampadvisor.model;

/**
 * A lab value as sent and as compared: rules use {@code canonicalValue}, which is in the analyte's canonical unit.
 *
 * @param field          where the value came from in the request, e.g. {@code labs[0]}
 * @param analyte        potassium, magnesium, calcium, sodium or vitamin-d
 * @param value          the value as sent
 * @param unit           the unit as sent
 * @param canonicalValue the value converted to the canonical unit
 * @param canonicalUnit  the canonical unit (mmol/L, or ng/mL for vitamin D)
 */
public record LabResult(String field, String analyte, double value, String unit,
                        double canonicalValue, String canonicalUnit) {

    /** The value for finding texts, with the converted value when a conversion took place: {@code 1.4 mg/dL (0.58 mmol/L)}. */
    public String describe() {
        String sent = Numbers.format(value) + " " + unit;
        if (unit.equals(canonicalUnit)) {
            return sent;
        }
        return sent + " (" + Numbers.format(canonicalValue) + " " + canonicalUnit + ")";
    }
}
