package org.crampadvisor.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A finding's wording from {@code rules/tables/findings.csv}, e.g. {@code Serum potassium {value} is below
 * {limit}}, parsed once when the ruleset is read so that rendering only appends.
 *
 * @param code the finding code rules insert, e.g. {@code low-potassium}
 * @param text the template as written
 * @param file the table it comes from, relative to the rules folder
 * @param line its line there
 */
public record FindingTemplate(String code, String text, String file, int line, List<Part> parts) {

    /** Literal text, or a placeholder when {@code placeholder} is set. */
    public record Part(String literal, FindingPlaceholder placeholder) {
    }

    public FindingTemplate {
        parts = List.copyOf(parts);
    }

    /** @throws IllegalArgumentException for an unknown placeholder or an unbalanced brace, saying which */
    static FindingTemplate parse(String code, String text, String file, int line) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('{', at);
            int close = text.indexOf('}', at);
            if (close >= 0 && (open < 0 || close < open)) {
                throw new IllegalArgumentException("'}' at character " + (close + 1) + " closes no '{'");
            }
            if (open < 0) {
                parts.add(new Part(text.substring(at), null));
                break;
            }
            if (open > at) {
                parts.add(new Part(text.substring(at, open), null));
            }
            int end = text.indexOf('}', open);
            if (end < 0) {
                throw new IllegalArgumentException("'{' at character " + (open + 1) + " is not closed with '}'");
            }
            String key = text.substring(open + 1, end).strip();
            FindingPlaceholder placeholder = FindingPlaceholder.byKey(key).orElseThrow(() -> new IllegalArgumentException(
                    "unknown placeholder {" + key + "}" + Suggestions.didYouMean("{" + key + "}", keys())
                            + "; the placeholders are " + String.join(", ", keys())));
            parts.add(new Part(null, placeholder));
            at = end + 1;
        }
        return new FindingTemplate(code, text, file, line, parts);
    }

    /** The placeholders it uses. */
    public Set<FindingPlaceholder> placeholders() {
        Set<FindingPlaceholder> used = new java.util.LinkedHashSet<>();
        parts.forEach(part -> {
            if (part.placeholder() != null) {
                used.add(part.placeholder());
            }
        });
        return used;
    }

    /** The wording with each placeholder taken from the first matched fact of its type. */
    String render(List<?> matchedFacts) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (Part part : parts) {
            if (part.placeholder() == null) {
                out.append(part.literal());
                continue;
            }
            Object fact = null;
            for (Object candidate : matchedFacts) {
                if (part.placeholder().factType().isInstance(candidate)) {
                    fact = candidate;
                    break;
                }
            }
            out.append(fact == null ? FindingPlaceholder.NOT_REPORTED : part.placeholder().render(fact));
        }
        return out.toString();
    }

    private static List<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (FindingPlaceholder placeholder : FindingPlaceholder.values()) {
            keys.add("{" + placeholder.key() + "}");
        }
        return List.copyOf(keys);
    }
}
