package org.crampadvisor.model;

/** Physical activity; intensity is none, light, moderate or intense. A {@code null} flag means "not reported". */
public record Activity(String field, String intensity, Boolean warmsUp, Boolean stretches, Integer restDaysPerWeek,
                       Double standingHoursPerDay, Boolean repetitiveStrain) {

    /** What preparation is reported missing, for finding texts: "warming up", "stretching" or both. */
    public String missingPreparation() {
        boolean noWarmUp = Boolean.FALSE.equals(warmsUp);
        boolean noStretch = Boolean.FALSE.equals(stretches);
        if (noWarmUp && noStretch) {
            return "warming up or stretching";
        }
        return noWarmUp ? "warming up" : noStretch ? "stretching" : "nothing";
    }
}
