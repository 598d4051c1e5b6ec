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
        // Unicode normalisation is the slow part, and plain ASCII needs none.
        String text = isAscii(name) ? name : Normalizer.normalize(name, Normalizer.Form.NFKC)
                .replace('\u2019', '\'')
                .replace('\u2018', '\'');
        StringBuilder folded = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = folded.length() > 0;
                continue;
            }
            if (pendingSpace) {
                folded.append(' ');
                pendingSpace = false;
            }
            folded.append(c == '`' ? '\'' : c);
        }
        return folded.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
