package org.crampadvisor.model;

public record Substances(String field, Double alcoholUnitsPerWeek, Double caffeineMgPerDay) {
}
