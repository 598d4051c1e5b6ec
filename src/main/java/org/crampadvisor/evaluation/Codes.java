package org.crampadvisor.evaluation;

import com.fasterxml.jackson.annotation.JsonValue;

/** The enumerations of the request (SPEC section 3), each written in JSON as its lower-case code. */
public final class Codes {

    private Codes() {
    }

    /** Every request enumeration: the JSON code is the constant's name in lower case with hyphens. */
    public interface Coded {
        String name();

        @JsonValue
        default String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public enum Sex implements Coded { FEMALE, MALE, OTHER, UNKNOWN }

    public enum Severity implements Coded { MILD, MODERATE, SEVERE }

    public enum Intensity implements Coded { NONE, LIGHT, MODERATE, INTENSE }

    public enum Nutrient implements Coded { POTASSIUM, MAGNESIUM, CALCIUM, VITAMIN_D }

    public enum NeurologicalSymptom implements Coded {
        NUMBNESS, TINGLING, MUSCLE_WEAKNESS, TREMOR, LOSS_OF_COORDINATION, SPEECH_DIFFICULTY, VISION_CHANGES
    }
}
