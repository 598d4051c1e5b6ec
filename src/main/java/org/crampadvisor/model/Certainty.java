package org.crampadvisor.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How strongly a finding supports a cause. Declared from weakest to strongest so that
 * the natural order picks the strongest when several findings support one cause.
 */
public enum Certainty {
    /** Only risk factors or history support the cause. */
    POSSIBLE,
    /** An objective finding supports the cause: an out-of-range lab value, a recorded condition or medication. */
    LIKELY;

    @JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Certainty strongest(Certainty a, Certainty b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
