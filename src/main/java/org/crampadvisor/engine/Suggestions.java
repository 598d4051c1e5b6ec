package org.crampadvisor.engine;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** "Did you mean ...?" for a name that is not known: the known names closest to it by edit distance. */
public final class Suggestions {

    private static final int SHOWN = 3;

    private record Candidate(String name, int distance) {
    }

    private Suggestions() {
    }

    /** The known names within a small edit distance of {@code name}, closest first. */
    public static List<String> closest(String name, Collection<String> known) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, wanted.length() / 3);
        return known.stream()
                .map(k -> new Candidate(k, distance(wanted, k.toLowerCase(Locale.ROOT))))
                .filter(c -> c.distance() <= allowed)
                .sorted(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name))
                .limit(SHOWN)
                .map(Candidate::name)
                .toList();
    }

    /** {@code ; did you mean `potassium.low`?}, or nothing when no known name is close. */
    public static String didYouMean(String name, Collection<String> known) {
        List<String> closest = closest(name, known);
        if (closest.isEmpty()) {
            return "";
        }
        return "; did you mean " + closest.stream().map(c -> "`" + c + "`").collect(Collectors.joining(" or ")) + "?";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
