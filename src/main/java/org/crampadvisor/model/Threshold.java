package org.crampadvisor.model;

/**
 * A named limit from {@code rules/tables/thresholds.csv}, inserted into every session so that rules
 * compare against it and the trace shows which limit was applied.
 *
 * @param name  the key rules match on, e.g. {@code potassium.low}
 * @param value the limit in the canonical unit
 * @param unit  the canonical unit of the limit
 * @param text  the limit as the table writes it (keeps "0.70" rather than "0.7")
 */
public record Threshold(String name, double value, String unit, String text) {

    /** The limit with its unit, for finding texts: {@code 3.5 mmol/L}. */
    public String describe() {
        return unit.isEmpty() ? text : text + " " + unit;
    }
}
