package org.crampadvisor.engine;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The form in which catalogue names are compared: case-insensitive, typographic apostrophes and
 * runs of white space folded, so that "Parkinson’s  Disease" finds "parkinson's disease".
 */
public final class NameKey {

    private NameKey() {
    }

    public static String of(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC)
                .replace('\u2019', '\'')
                .replace('\u2018', '\'')
                .replace('`', '\'')
                .strip()
                .replaceAll("\\s+", " ");
        return folded.toLowerCase(Locale.ROOT);
    }
}
