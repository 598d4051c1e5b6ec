package org.crampadvisor.replay;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Whether a replayed answer is the answer that was stored. Answers gain fields over time ({@code
 * withheld}, {@code missingInputs}; facts in the trace gain fields as the fact model grows), and an
 * answer stored before a field existed never had it: so the comparison is on the fields the stored
 * answer has, at every depth, apart from its id and time.
 */
final class StoredAnswers {

    private static final Set<String> IGNORED_AT_TOP = Set.of("evaluationId", "evaluatedAt");

    private StoredAnswers() {
    }

    static boolean reproduces(JsonNode stored, JsonNode replayed) {
        return covers(stored, replayed, true);
    }

    /** Every field of {@code stored} is in {@code replayed} with an equal value; arrays match element by element. */
    private static boolean covers(JsonNode stored, JsonNode replayed, boolean top) {
        if (stored.isObject()) {
            if (!replayed.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = stored.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (top && IGNORED_AT_TOP.contains(field.getKey())) {
                    continue;
                }
                JsonNode other = replayed.get(field.getKey());
                if (other == null || !covers(field.getValue(), other, false)) {
                    return false;
                }
            }
            return true;
        }
        if (stored.isArray()) {
            if (!replayed.isArray() || stored.size() != replayed.size()) {
                return false;
            }
            for (int i = 0; i < stored.size(); i++) {
                if (!covers(stored.get(i), replayed.get(i), false)) {
                    return false;
                }
            }
            return true;
        }
        return stored.equals(replayed);
    }
}
