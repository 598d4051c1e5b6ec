package org.crampadvisor.evaluation;

import com.fasterxml.jackson.annotation.JsonValue;

/** The enumerations of the request (SPEC section 3), each written in JSON as its lower-case code. */
public final class Codes {

    private Codes() {
    }

    /**
     * Every request enumeration: the JSON code is the constant's name in lower case with hyphens. Each
     * enum repeats {@code code()} with {@code @JsonValue} so that JSON and OpenAPI both find it.
     */
    public interface Coded {
        String name();

        default String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public enum Sex implements Coded {
        FEMALE, MALE, OTHER, UNKNOWN;

        @JsonValue
        @Override
        public String code() {
            return Coded.super.code();
        }
    }

    public enum Severity implements Coded {
        MILD, MODERATE, SEVERE;

        @JsonValue
        @Override
        public String code() {
            return Coded.super.code();
        }
    }

    public enum Intensity implements Coded {
        NONE, LIGHT, MODERATE, INTENSE;

        @JsonValue
        @Override
        public String code() {
            return Coded.super.code();
        }
    }

    public enum Nutrient implements Coded {
        POTASSIUM, MAGNESIUM, CALCIUM, VITAMIN_D;

        @JsonValue
        @Override
        public String code() {
            return Coded.super.code();
        }
    }

    public enum NeurologicalSymptom implements Coded {
        NUMBNESS, TINGLING, MUSCLE_WEAKNESS, TREMOR, LOSS_OF_COORDINATION, SPEECH_DIFFICULTY, VISION_CHANGES;

        @JsonValue
        @Override
        public String code() {
            return Coded.super.code();
        }
    }
}
