package org.crampadvisor.model;

public record Hydration(String field, Double fluidIntakeLitresPerDay, Boolean heavySweating, Boolean dehydrationSigns) {
}
