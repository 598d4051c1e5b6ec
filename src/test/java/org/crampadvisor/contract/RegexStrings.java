package org.crampadvisor.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random strings that match a regular expression of the kind OpenAPI documents use: literals,
 * escapes, character classes (with ranges and negation), {@code \s \S \d \\uXXXX} and the quantifiers
 * {@code ? * + {n} {m,n}}. Anchors are implied. Anything else is refused, so a pattern this cannot
 * generate from is noticed rather than skipped.
 */
final class RegexStrings {

    /** The characters a class or an escape picks from: printable ASCII and a few beyond, one outside the BMP. */
    private static final List<Integer> ALPHABET = alphabet();

    private RegexStrings() {
    }

    static String next(String pattern, Random random) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '^' && i == 0 || c == '$' && i == pattern.length() - 1) {
                i++;
                continue;
            }
            List<Integer> choices;
            if (c == '[') {
                int end = classEnd(pattern, i);
                choices = characterClass(pattern.substring(i + 1, end));
                i = end + 1;
            } else if (c == '\\') {
                int[] consumed = new int[1];
                choices = escape(pattern, i, consumed);
                i += consumed[0];
            } else if ("()|.".indexOf(c) >= 0) {
                throw new IllegalArgumentException("no generator for groups, alternatives or '.': " + pattern);
            } else {
                choices = List.of((int) c);
                i++;
            }
            int min = 1;
            int max = 1;
            if (i < pattern.length()) {
                char q = pattern.charAt(i);
                if (q == '?' || q == '*' || q == '+') {
                    min = q == '+' ? 1 : 0;
                    max = q == '?' ? 1 : 8;
                    i++;
                } else if (q == '{') {
                    int end = pattern.indexOf('}', i);
                    String[] bounds = pattern.substring(i + 1, end).split(",", -1);
                    min = Integer.parseInt(bounds[0]);
                    max = bounds.length == 1 ? min : bounds[1].isEmpty() ? min + 8 : Integer.parseInt(bounds[1]);
                    i = end + 1;
                }
            }
            for (int n = min + random.nextInt(max - min + 1); n > 0; n--) {
                text.appendCodePoint(choices.get(random.nextInt(choices.size())));
            }
        }
        return text.toString();
    }

    private static int classEnd(String pattern, int start) {
        for (int i = start + 1; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '\\') {
                i++;
            } else if (pattern.charAt(i) == ']') {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed class in " + pattern);
    }

    private static List<Integer> characterClass(String body) {
        boolean negated = body.startsWith("^");
        String members = negated ? body.substring(1) : body;
        List<int[]> ranges = new ArrayList<>();
        List<Integer> singles = new ArrayList<>();
        int i = 0;
        while (i < members.length()) {
            int from;
            if (members.charAt(i) == '\\') {
                int[] consumed = new int[1];
                List<Integer> escaped = escape(members, i, consumed);
                i += consumed[0];
                if (escaped.size() != 1) {
                    singles.addAll(escaped);
                    continue;
                }
                from = escaped.get(0);
            } else {
                from = members.charAt(i++);
            }
            if (i + 1 < members.length() && members.charAt(i) == '-') {
                int to;
                if (members.charAt(i + 1) == '\\') {
                    int[] consumed = new int[1];
                    to = escape(members, i + 1, consumed).get(0);
                    i += 1 + consumed[0];
                } else {
                    to = members.charAt(i + 1);
                    i += 2;
                }
                ranges.add(new int[] {from, to});
            } else {
                singles.add(from);
            }
        }
        List<Integer> choices = new ArrayList<>();
        for (int candidate : ALPHABET) {
            boolean member = singles.contains(candidate)
                    || ranges.stream().anyMatch(r -> candidate >= r[0] && candidate <= r[1]);
            if (member != negated) {
                choices.add(candidate);
            }
        }
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("empty class [" + body + "]");
        }
        return choices;
    }

    private static List<Integer> escape(String pattern, int at, int[] consumed) {
        char e = pattern.charAt(at + 1);
        consumed[0] = 2;
        return switch (e) {
            case 'd' -> ALPHABET.stream().filter(Character::isDigit).toList();
            case 's' -> List.of((int) ' ');
            case 'S' -> ALPHABET.stream().filter(c -> c != ' ').toList();
            case 'u' -> {
                consumed[0] = 6;
                yield List.of(Integer.parseInt(pattern.substring(at + 2, at + 6), 16));
            }
            case 'Q', 'E', 'p', 'P', 'w', 'W', 'b', 'B' ->
                    throw new IllegalArgumentException("no generator for \\" + e + ": " + pattern);
            default -> List.of((int) e);
        };
    }

    private static List<Integer> alphabet() {
        List<Integer> alphabet = new ArrayList<>();
        for (int c = 0x20; c < 0x7f; c++) {
            alphabet.add(c);
        }
        alphabet.addAll(List.of(0xe9, 0xdf, 0x20ac, 0x1f600));
        return List.copyOf(alphabet);
    }
}
