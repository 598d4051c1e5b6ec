package org.crampadvisor.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of CDS Hooks 2.0 for a card (https://cds-hooks.hl7.org/2.0/#card-attributes) and SPEC section 8's
 * own: required fields, summary under 140 characters, known indicator, source.label cramp-advisor, a uuid,
 * a link to the evaluation; no null and no empty array anywhere.
 */
final class CardRules {

    private CardRules() {
    }

    static void assertValid(JsonNode card) {
        assertThat(card.isObject()).as("card %s", card).isTrue();
        assertNoNullsOrEmptyArrays(card, "card");
        assertThat(UUID.fromString(card.path("uuid").asText())).as("uuid").isNotNull();
        String summary = card.path("summary").asText();
        assertThat(summary).as("summary").isNotBlank().doesNotContain("\n");
        assertThat(summary.length()).as("summary length of '%s'", summary).isLessThan(140);
        assertThat(card.path("indicator").asText()).isIn("info", "warning", "critical");
        assertThat(card.path("source").path("label").asText()).isEqualTo("cramp-advisor");
        assertThat(card.path("detail").asText()).as("detail").isNotBlank()
                .contains("Decision support only; not a diagnosis.");
        for (JsonNode suggestion : card.path("suggestions")) {
            assertThat(suggestion.path("label").asText()).isNotBlank();
            for (JsonNode action : suggestion.path("actions")) {
                assertThat(action.path("type").asText()).isIn("create", "update", "delete");
                assertThat(action.path("description").asText()).isNotBlank();
            }
        }
        if (card.has("selectionBehavior")) {
            assertThat(card.path("selectionBehavior").asText()).isIn("at-most-one", "any");
            assertThat(card.has("suggestions")).isTrue();
        }
        assertThat(card.path("links").size()).as("links").isGreaterThanOrEqualTo(1);
        for (JsonNode link : card.path("links")) {
            assertThat(link.path("label").asText()).isNotBlank();
            assertThat(link.path("url").asText()).startsWith("http");
            assertThat(link.path("type").asText()).isIn("absolute", "smart");
        }
        assertThat(evaluationId(card)).as("a link to the evaluation").isNotNull();
    }

    /** The evaluation a card links to ({@code .../api/v1/evaluations/{id}}). */
    static String evaluationId(JsonNode card) {
        for (JsonNode link : card.path("links")) {
            String url = link.path("url").asText();
            int at = url.indexOf("/api/v1/evaluations/");
            if (at >= 0) {
                return UUID.fromString(url.substring(at + "/api/v1/evaluations/".length())).toString();
            }
        }
        return null;
    }

    private static void assertNoNullsOrEmptyArrays(JsonNode node, String path) {
        assertThat(node.isNull()).as("%s is null", path).isFalse();
        if (node.isArray()) {
            assertThat(node.size()).as("%s is an empty array", path).isPositive();
            for (int i = 0; i < node.size(); i++) {
                assertNoNullsOrEmptyArrays(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                assertNoNullsOrEmptyArrays(field.getValue(), path + "." + field.getKey());
            }
        }
    }
}
