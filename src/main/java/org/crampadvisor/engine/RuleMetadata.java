package org.crampadvisor.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Normalises rule metadata. The executable model hands {@code @source("Electrolyte Imbalance")} back
 * as the string {@code "Electrolyte Imbalance"} with its quotes, and {@code @weight(3)} as the string
 * {@code 3}; readers of the catalogue and the trace want a plain string and a number.
 */
final class RuleMetadata {

    private RuleMetadata() {
    }

    static Map<String, Object> normalise(Map<String, Object> raw) {
        Map<String, Object> sorted = new TreeMap<>();
        raw.forEach((key, value) -> sorted.put(key, normaliseValue(value)));
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    static Object normaliseValue(Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        String trimmed = text.strip();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return unescape(trimmed.substring(1, trimmed.length() - 1));
        }
        try {
            return trimmed.contains(".") ? (Object) Double.valueOf(trimmed) : (Object) Long.valueOf(trimmed);
        } catch (NumberFormatException notANumber) {
            return trimmed;
        }
    }

    private static String unescape(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                c = quoted.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
