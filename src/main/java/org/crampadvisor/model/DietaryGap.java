package org.crampadvisor.model;

/** A nutrient the patient's diet is reported to be low in: potassium, magnesium, calcium or vitamin-d. */
public record DietaryGap(String field, String nutrient) {
}
