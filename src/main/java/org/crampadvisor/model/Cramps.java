package org.crampadvisor.model;

/** The cramps themselves: severity is mild, moderate or severe. */
public record Cramps(String field, String severity, Double episodesPerWeek, Double durationWeeks, Boolean nocturnal) {
}
