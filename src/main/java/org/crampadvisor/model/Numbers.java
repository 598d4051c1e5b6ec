package org.crampadvisor.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats numbers for finding texts: at most two decimals, no trailing zeros, no exponent. */
public final class Numbers {

    private Numbers() {
    }

    public static String format(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
