package org.crampadvisor.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.crampadvisor.cdshooks.CdsHooksRequests.JSON;
import static org.crampadvisor.cdshooks.CdsHooksRequests.resource;
import static org.crampadvisor.cdshooks.CdsHooksRequests.syntheaPatientView;
import static org.crampadvisor.cdshooks.CdsHooksServiceTest.LEG_CRAMP_CAUSES;
import static org.crampadvisor.cdshooks.CdsHooksServiceTest.cards;
import static org.crampadvisor.cdshooks.CdsHooksServiceTest.post;
import static org.crampadvisor.cdshooks.CdsHooksServiceTest.read;
import static org.hamcrest.Matchers.is;

/**
 * CDS Hooks feedback (SPEC section 8), with the specification's feedback examples pointed at cards the
 * service answered: stored against the card and its evaluation, listed for auditors by rule and outcome.
 */
@QuarkusTest
class CdsHooksFeedbackTest {

    private static final String FEEDBACK = LEG_CRAMP_CAUSES + "/feedback";

    private static RequestSpecification auditor() {
        return given().auth().preemptive().basic("auditor", "auditor");
    }

    /** A spec feedback example with its card replaced by one the service answered. */
    private static ObjectNode example(String fixture, String card) {
        ObjectNode feedback = resource("cds-hooks/" + fixture);
        ((ObjectNode) feedback.get("feedback").get(0)).put("card", card);
        return feedback;
    }

    private static JsonNode list(String... parameters) {
        RequestSpecification request = auditor();
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam(parameters[i], parameters[i + 1]);
        }
        return read(request.when().get("/api/v1/feedback").then().statusCode(200).extract().asString());
    }

    private static JsonNode itemOf(JsonNode page, String card) {
        for (JsonNode item : page.path("items")) {
            if (item.path("card").asText().equals(card)) {
                return item;
            }
        }
        return null;
    }

    @Test
    void shouldStoreOverriddenAndAcceptedFeedbackAgainstTheCardAndListItByRuleAndOutcome() {
        JsonNode cards = cards(LEG_CRAMP_CAUSES, syntheaPatientView(true));
        assertThat(cards.size()).isPositive();
        JsonNode card = cards.get(0);
        String uuid = card.path("uuid").asText();
        String evaluationId = CardRules.evaluationId(card);

        post(FEEDBACK, example("feedback-overridden-with-reason-example.json", uuid)).statusCode(200)
                .body("stored", is(1));
        JsonNode item = itemOf(list("outcome", "overridden"), uuid);
        assertThat(item).isNotNull();
        assertThat(item.path("service").asText()).isEqualTo("leg-cramp-causes");
        assertThat(item.path("evaluationId").asText()).isEqualTo(evaluationId);
        assertThat(item.path("outcomeTimestamp").asText()).isEqualTo("2020-12-11T00:00:00Z");
        assertThat(item.path("receivedAt").asText()).isNotBlank();
        assertThat(item.path("overrideReason").path("userComment").asText()).isEqualTo("A comment entered by the clinician.");
        assertThat(item.path("overrideReason").path("reason").path("code").asText()).isEqualTo("d7ecf885");
        List<String> rules = CdsHooksServiceTest.texts(item.path("rules"), null);
        assertThat(rules).isNotEmpty();

        // Filtered by a rule behind the card, and not listed under another rule or outcome.
        assertThat(itemOf(list("rule", rules.get(0)), uuid)).isNotNull();
        assertThat(itemOf(list("rule", "No such rule"), uuid)).isNull();
        assertThat(itemOf(list("outcome", "accepted"), uuid)).isNull();

        post(FEEDBACK, example("feedback-accepted-suggestion-example.json", uuid)).statusCode(200).body("stored", is(1));
        post(FEEDBACK, example("feedback-overridden-without-reason-example.json", uuid)).statusCode(200);
        JsonNode accepted = itemOf(list("outcome", "accepted"), uuid);
        assertThat(accepted).isNotNull();
        assertThat(accepted.path("overrideReason").isNull()).isTrue();

        // Newest first, a page at a time.
        JsonNode first = list("limit", "1");
        assertThat(first.path("items").size()).isEqualTo(1);
        assertThat(first.path("items").get(0).path("outcome").asText()).isEqualTo("overridden");
        assertThat(first.path("items").get(0).path("overrideReason").isNull()).isTrue();
        String cursor = first.path("nextCursor").asText();
        assertThat(cursor).isNotBlank();
        JsonNode second = list("limit", "1", "cursor", cursor);
        assertThat(second.path("items").get(0).path("outcome").asText()).isEqualTo("accepted");
    }

    @Test
    void shouldStoreNothingOfARequestWithAnUnknownCard() {
        JsonNode card = cards(LEG_CRAMP_CAUSES, syntheaPatientView(true)).get(0);
        String uuid = card.path("uuid").asText();
        ObjectNode feedback = example("feedback-overridden-without-reason-example.json", uuid);
        ((ArrayNode) feedback.get("feedback")).addObject().put("card", "9368d37b-283f-44a0-93ea-547cebab93ed")
                .put("outcome", "accepted").put("outcomeTimestamp", "2026-11-26T10:05:31Z");
        post(FEEDBACK, feedback).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("feedback[1].card"));
        assertThat(itemOf(list("limit", "500"), uuid)).isNull();
    }

    @Test
    void shouldRefuseFeedbackOnACardOfAnotherServiceOrWithoutAValidTimestamp() {
        String uuid = cards(LEG_CRAMP_CAUSES, syntheaPatientView(true)).get(0).path("uuid").asText();
        post("/cds-services/diuretic-order-check/feedback", example("feedback-overridden-without-reason-example.json", uuid))
                .statusCode(400).body("errors[0].field", is("feedback[0].card"));
        ObjectNode badTime = example("feedback-overridden-without-reason-example.json", uuid);
        ((ObjectNode) badTime.get("feedback").get(0)).put("outcomeTimestamp", "yesterday");
        post(FEEDBACK, badTime).statusCode(400).body("errors[0].field", is("feedback[0].outcomeTimestamp"));
        ObjectNode badOutcome = example("feedback-overridden-without-reason-example.json", uuid);
        ((ObjectNode) badOutcome.get("feedback").get(0)).put("outcome", "ignored");
        post(FEEDBACK, badOutcome).statusCode(400);
        post(FEEDBACK, JSON.createObjectNode()).statusCode(400);
    }

    @Test
    void shouldListFeedbackForAuditorsOnly() {
        given().when().get("/api/v1/feedback").then().statusCode(401);
        given().auth().preemptive().basic("requester", "requester").when().get("/api/v1/feedback").then().statusCode(403);
        auditor().queryParam("outcome", "maybe").when().get("/api/v1/feedback").then().statusCode(400);
        auditor().queryParam("cursor", "not-a-cursor").when().get("/api/v1/feedback").then().statusCode(400)
                .body("errors[0].field", is("cursor"));
        auditor().queryParam("limit", "0").when().get("/api/v1/feedback").then().statusCode(400);
        given().when().post(FEEDBACK).then().statusCode(401);
    }
}
