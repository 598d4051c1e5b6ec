package org.crampadvisor.evaluation;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lab analytes the service accepts, with the units allowed for each, the factor that converts a
 * unit to the canonical one (canonical = value ÷ divisor) and the physiologically plausible range in
 * the canonical unit. These are the input contract of SPEC section 4, not clinical thresholds: the
 * thresholds the rules compare against live in {@code rules/tables/thresholds.csv}.
 */
public enum Analyte {
    POTASSIUM("potassium", "mmol/L", 1, 10, units("mmol/L", 1, "mEq/L", 1)),
    SODIUM("sodium", "mmol/L", 100, 180, units("mmol/L", 1, "mEq/L", 1)),
    MAGNESIUM("magnesium", "mmol/L", 0.1, 5, units("mmol/L", 1, "mg/dL", 2.431, "mEq/L", 2)),
    CALCIUM("calcium", "mmol/L", 0.5, 5, units("mmol/L", 1, "mg/dL", 4.008, "mEq/L", 2)),
    VITAMIN_D("vitamin-d", "ng/mL", 1, 250, units("ng/mL", 1, "nmol/L", 2.496));

    private final String code;
    private final String canonicalUnit;
    private final double plausibleMin;
    private final double plausibleMax;
    private final Map<String, Double> divisors;

    Analyte(String code, String canonicalUnit, double plausibleMin, double plausibleMax, Map<String, Double> divisors) {
        this.code = code;
        this.canonicalUnit = canonicalUnit;
        this.plausibleMin = plausibleMin;
        this.plausibleMax = plausibleMax;
        this.divisors = divisors;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String canonicalUnit() {
        return canonicalUnit;
    }

    public double plausibleMin() {
        return plausibleMin;
    }

    public double plausibleMax() {
        return plausibleMax;
    }

    /** The allowed units, in their usual spelling. */
    public java.util.Set<String> units() {
        return divisors.keySet();
    }

    /** The allowed unit that {@code unit} names, ignoring case ("mmol/l" is mmol/L). */
    public Optional<String> allowedUnit(String unit) {
        return divisors.keySet().stream().filter(u -> u.equalsIgnoreCase(unit)).findFirst();
    }

    /** The value in the canonical unit; {@code unit} must be allowed for this analyte. */
    public double toCanonical(double value, String unit) {
        String allowed = allowedUnit(unit).orElseThrow(() -> new IllegalArgumentException(unit));
        return value / divisors.get(allowed);
    }

    private static Map<String, Double> units(Object... unitAndDivisor) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < unitAndDivisor.length; i += 2) {
            map.put((String) unitAndDivisor[i], ((Number) unitAndDivisor[i + 1]).doubleValue());
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        return code.toLowerCase(Locale.ROOT);
    }
}
