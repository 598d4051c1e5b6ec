package org.crampadvisor.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.crampadvisor.cdshooks.CdsHooksRequests.JSON;
import static org.crampadvisor.cdshooks.CdsHooksRequests.SYNTHEA_PATIENT;
import static org.crampadvisor.cdshooks.CdsHooksRequests.US_CORE_PATIENT;
import static org.crampadvisor.cdshooks.CdsHooksRequests.asDraft;
import static org.crampadvisor.cdshooks.CdsHooksRequests.bundle;
import static org.crampadvisor.cdshooks.CdsHooksRequests.call;
import static org.crampadvisor.cdshooks.CdsHooksRequests.resource;
import static org.crampadvisor.cdshooks.CdsHooksRequests.syntheaPatientView;
import static org.crampadvisor.cdshooks.CdsHooksRequests.text;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * SPEC section 8 end to end, with real FHIR data: the CDS Hooks specification's examples, US Core examples
 * (and fixtures derived from them where public data lacks a case), and a Synthea patient. Every call that
 * evaluates is an audited evaluation; cards follow the CDS Hooks rules.
 */
@QuarkusTest
class CdsHooksServiceTest {

    static final String LEG_CRAMP_CAUSES = "/cds-services/leg-cramp-causes";
    static final String ORDER_CHECK = "/cds-services/diuretic-order-check";

    static ValidatableResponse post(String path, JsonNode body) {
        return given().header("Authorization", CdsHooksTokens.bearer(path)).contentType("application/json")
                .body(text(body)).when().post(path).then();
    }

    static JsonNode cards(String path, JsonNode body) {
        String answer = post(path, body).statusCode(200).contentType("application/json").extract().asString();
        JsonNode cards = read(answer).path("cards");
        assertThat(cards.isArray()).as("cards in %s", answer).isTrue();
        cards.forEach(CardRules::assertValid);
        return cards;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }

    static JsonNode record(String evaluationId) {
        return read(given().auth().preemptive().basic("auditor", "auditor").when()
                .get("/api/v1/evaluations/" + evaluationId).then().statusCode(200).extract().asString());
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(field == null ? n.asText() : n.path(field).asText()));
        return texts;
    }

    // ---- leg-cramp-causes ----

    @Test
    void shouldEvaluateTheSyntheaPatientWithLegCrampsAndAuditItWithItsCdsOrigin() {
        ObjectNode call = syntheaPatientView(true);
        JsonNode cards = cards(LEG_CRAMP_CAUSES, call);

        assertThat(cards.size()).isPositive();
        String evaluationId = CardRules.evaluationId(cards.get(0));
        cards.forEach(card -> assertThat(CardRules.evaluationId(card)).isEqualTo(evaluationId));
        JsonNode record = record(evaluationId);
        assertThat(record.path("principal").asText()).isEqualTo(CdsHooksTokens.SPEC_ISSUER);
        JsonNode origin = record.path("origin");
        assertThat(origin.path("kind").asText()).isEqualTo("cds-hooks");
        assertThat(origin.path("service").asText()).isEqualTo("leg-cramp-causes");
        assertThat(origin.path("hook").asText()).isEqualTo("patient-view");
        assertThat(origin.path("hookInstance").asText()).isEqualTo(call.path("hookInstance").asText());
        assertThat(texts(origin.path("cards"), "uuid")).containsExactlyElementsOf(texts(cards, "uuid"));

        // The facts derived from FHIR, in the request shape of the evaluations API (patient id pseudonymised).
        JsonNode request = record.path("request");
        assertThat(request.path("patient").path("id").asText()).isNotEqualTo(SYNTHEA_PATIENT).isNotBlank();
        assertThat(request.path("patient").path("sex").asText()).isEqualTo("male");
        assertThat(texts(request.path("conditions"), null)).contains("leg cramps");
        assertThat(texts(request.path("medications"), "name")).contains("hydrochlorothiazide");
        assertThat(texts(request.path("labs"), "analyte")).contains("potassium", "sodium");

        // One card per cause, the summary starting with its title, warning for likely and info for possible.
        JsonNode causes = record.path("response").path("causes");
        assertThat(cards.size()).isEqualTo(causes.size());
        for (int i = 0; i < causes.size(); i++) {
            JsonNode cause = causes.get(i);
            JsonNode card = cards.get(i);
            assertThat(card.path("summary").asText()).startsWith(cause.path("title").asText());
            assertThat(card.path("indicator").asText())
                    .isEqualTo(cause.path("certainty").asText().equals("likely") ? "warning" : "info");
            assertThat(card.path("detail").asText()).contains("**Findings**", "**Not assessed**", "**Rules**");
            for (JsonNode rule : cause.path("rules")) {
                assertThat(card.path("detail").asText()).contains(Cards.escape(rule.asText()));
            }
        }
        // Synthea's blood calcium code is not verified in the catalogue: named, with the reason, not used.
        assertThat(record.path("response").path("unrecognized").toString()).contains("49765-1");
        // Replay works on a CDS decision as on any other: the stored facts reproduce the answer.
        given().auth().preemptive().basic("auditor", "auditor").when()
                .post("/api/v1/evaluations/" + evaluationId + "/replay").then().statusCode(200);
    }

    @Test
    void shouldAnswerNoCardsAndAuditNothingWithoutACrampsGroupCondition() {
        int before = evaluationsOf(SYNTHEA_PATIENT).size();
        assertThat(before).as("a count the listing can show (target/test-data is fresh in CI)").isLessThan(500);
        post(LEG_CRAMP_CAUSES, syntheaPatientView(false)).statusCode(200).body(is("{\"cards\":[]}"));
        assertThat(evaluationsOf(SYNTHEA_PATIENT).size()).isEqualTo(before);
    }

    @Test
    void shouldAnswer412WithNeitherPrefetchNorFhirServer() {
        post(LEG_CRAMP_CAUSES, call("patient-view", SYNTHEA_PATIENT)).statusCode(412)
                .contentType("application/problem+json").body("status", is(412))
                .body("detail", containsString("fhirServer"));
    }

    @Test
    void shouldAnswer412ForTheSpecificationsExampleCallWhoseFhirServerIsPlainHttpElsewhere() {
        // Its only prefetch key (patientToGreet) is not one of ours, so the service would read ours from
        // fhirServer: plain http to another machine, which the service refuses (patient data and token).
        ObjectNode example = resource("cds-hooks/patient-view-request-example.json");
        post(LEG_CRAMP_CAUSES, example).statusCode(412).contentType("application/problem+json")
                .body("detail", containsString("not https"));
    }

    /** The audited evaluations of a patient (by the pseudonym filter), newest first. */
    static JsonNode evaluationsOf(String patientId) {
        return read(given().auth().preemptive().basic("auditor", "auditor").queryParam("patientId", patientId)
                .queryParam("limit", 500).when().get("/api/v1/evaluations").then().statusCode(200).extract().asString())
                .path("items");
    }

    @Test
    void shouldReadAKeySentAsNullAsNoData() {
        // A patient of its own, so that this call's record is the only one for them.
        String patientId = "null-prefetch-" + java.util.UUID.randomUUID();
        ObjectNode call = call("patient-view", patientId);
        ObjectNode prefetch = call.putObject("prefetch");
        prefetch.putNull("patient");
        prefetch.putNull("labs");
        prefetch.putNull("medications");
        prefetch.set("conditions", bundle(CdsHooksRequests.legCrampsOf(patientId)));
        cards(LEG_CRAMP_CAUSES, call);
        JsonNode records = evaluationsOf(patientId);
        assertThat(records.size()).as("records of %s", patientId).isEqualTo(1);
        JsonNode record = records.get(0);
        assertThat(record.path("origin").path("hookInstance").asText()).isEqualTo(call.path("hookInstance").asText());
        assertThat(record.path("request").has("labs")).isFalse();
        assertThat(record.path("request").has("medications")).isFalse();
        assertThat(texts(record.path("request").path("conditions"), null)).containsExactly("leg cramps");
    }

    @Test
    void shouldTreatAnOperationOutcomeAsMissingAndSaySo() {
        ObjectNode call = call("patient-view", US_CORE_PATIENT);
        ObjectNode prefetch = call.putObject("prefetch");
        prefetch.putNull("patient");
        prefetch.set("labs", resource("fhir/derived/bundle-operation-outcome.json"));
        prefetch.set("medications", bundle("fhir/derived/medicationrequest-coded-oral-furosemide.json"));
        prefetch.set("conditions", bundle("fhir/derived/condition-leg-cramps.json",
                "fhir/derived/condition-multiple-sclerosis.json"));
        JsonNode cards = cards(LEG_CRAMP_CAUSES, call);
        assertThat(cards.size()).isPositive();
        for (JsonNode card : cards) {
            assertThat(card.path("detail").asText()).contains("**Not assessed**", "OperationOutcome");
        }
        JsonNode request = record(CardRules.evaluationId(cards.get(0))).path("request");
        assertThat(request.has("labs")).isFalse();
        assertThat(texts(request.path("medications"), "name")).containsExactly("furosemide");
        assertThat(texts(request.path("conditions"), null)).contains("leg cramps", "multiple sclerosis");
    }

    @Test
    void shouldUseUsCoreDataNameWhatFailsOurChecksAndReadTheCallLeniently() {
        ObjectNode call = call("patient-view", "Patient/" + US_CORE_PATIENT);
        call.put("someFutureField", true);
        call.putArray("extension").addObject().put("url", "https://ehr.example.org/x").put("valueString", "y");
        ((ObjectNode) call.get("context")).put("encounterId", "89284").put("unknownContext", 1);
        ObjectNode prefetch = call.putObject("prefetch");
        prefetch.putNull("patient");
        prefetch.set("labs", bundle("fhir/us-core/observation-serum-potassium.json",
                "fhir/us-core/observation-serum-sodium.json", "fhir/us-core/observation-serum-calcium.json",
                "fhir/derived/observation-serum-magnesium-low.json",
                "fhir/derived/observation-serum-potassium-implausible.json"));
        prefetch.set("medications", bundle("fhir/us-core/medicationrequest-coded-oral-axid.json",
                "fhir/derived/medicationrequest-coded-oral-furosemide.json"));
        prefetch.set("conditions", bundle("fhir/derived/condition-leg-cramps.json",
                "fhir/us-core/condition-duodenal-ulcer.json"));
        prefetch.set("notOurs", resource("fhir/us-core/uscore-med2.json"));

        JsonNode cards = cards(LEG_CRAMP_CAUSES, call);
        JsonNode electrolytes = null;
        for (JsonNode card : cards) {
            if (card.path("summary").asText().startsWith("Electrolyte imbalance")) {
                electrolytes = card;
            }
        }
        assertThat(electrolytes).as("an electrolyte card in %s", cards).isNotNull();
        assertThat(electrolytes.path("indicator").asText()).isEqualTo("warning");
        String detail = electrolytes.path("detail").asText();
        assertThat(detail).contains("Observation/serum-magnesium-low", "**EHR data not used**",
                "Observation/serum-potassium-implausible", "MedicationRequest/medicationrequest-coded-oral-axid");

        JsonNode record = record(CardRules.evaluationId(electrolytes));
        JsonNode unrecognized = record.path("response").path("unrecognized");
        JsonNode implausible = null;
        for (JsonNode entry : unrecognized) {
            if (entry.path("field").asText().equals("Observation/serum-potassium-implausible")) {
                implausible = entry;
            }
        }
        assertThat(implausible).as("the implausible potassium in %s", unrecognized).isNotNull();
        assertThat(implausible.path("value").asText()).startsWith("http://loinc.org|");
        assertThat(implausible.path("reason").asText()).isNotBlank();
        assertThat(unrecognized.toString()).contains("MedicationRequest/medicationrequest-coded-oral-axid");
        // The implausible result is newer, so the older plausible one is used.
        JsonNode labs = record.path("request").path("labs");
        assertThat(labs.toString()).contains("\"analyte\":\"potassium\",\"value\":5.4");
    }

    @Test
    void shouldRefuseACallForAnotherHookAnUnknownServiceAndAMissingPatient() {
        post(LEG_CRAMP_CAUSES, call("order-sign", SYNTHEA_PATIENT)).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("hook"));
        post("/cds-services/no-such-service", syntheaPatientView(true)).statusCode(404);
        ObjectNode noPatient = syntheaPatientView(true);
        ((ObjectNode) noPatient.get("context")).remove("patientId");
        post(LEG_CRAMP_CAUSES, noPatient).statusCode(400).body("errors[0].field", is("context.patientId"));
    }

    // ---- diuretic-order-check ----

    static ObjectNode orderSign(String patientId, JsonNode draftOrders) {
        ObjectNode call = call("order-sign", patientId);
        ((ObjectNode) call.get("context")).set("draftOrders", draftOrders);
        return call;
    }

    @Test
    void shouldStaySilentForTheSpecificationsOrderSignExampleWithoutADiuretic() {
        // The spec's order-sign context (a NutritionOrder and an amoxicillin MedicationRequest, both drafts).
        ObjectNode call = call("order-sign", "1288992");
        call.set("context", resource("cds-hooks/order-sign-context-example.json").get("context"));
        int before = evaluationsOf("1288992").size();
        post(ORDER_CHECK, call).statusCode(200).body(is("{\"cards\":[]}"));
        assertThat(evaluationsOf("1288992").size()).isEqualTo(before);
    }

    @Test
    void shouldWarnWhenADraftedDiureticMeetsLowMagnesiumAndSayItIsDrafted() {
        ObjectNode call = orderSign(US_CORE_PATIENT,
                bundle(asDraft("fhir/derived/medicationrequest-coded-oral-furosemide.json")));
        ObjectNode prefetch = call.putObject("prefetch");
        prefetch.putNull("patient");
        prefetch.set("labs", bundle("fhir/derived/observation-serum-magnesium-low.json",
                "fhir/us-core/observation-serum-potassium.json", "fhir/us-core/observation-serum-sodium.json"));
        prefetch.putNull("medications");
        prefetch.set("conditions", bundle("fhir/derived/condition-leg-cramps.json"));

        JsonNode cards = cards(ORDER_CHECK, call);
        assertThat(cards.size()).isEqualTo(1);
        JsonNode card = cards.get(0);
        assertThat(card.path("indicator").asText()).isEqualTo("warning");
        assertThat(card.path("summary").asText()).startsWith("Drafted furosemide");
        assertThat(card.path("detail").asText()).contains("Drafted, not taken", "not taken yet",
                "MedicationRequest/medicationrequest-coded-oral-furosemide", "Observation/serum-magnesium-low",
                "Leg cramps are recorded");
        JsonNode record = record(CardRules.evaluationId(card));
        assertThat(record.path("origin").path("service").asText()).isEqualTo("diuretic-order-check");
        assertThat(record.path("origin").path("hook").asText()).isEqualTo("order-sign");
        assertThat(texts(record.path("request").path("medications"), "name")).containsExactly("furosemide");
    }

    @Test
    void shouldSuggestOrderingTheElectrolytesADraftedDiureticNeedsWhenTheyHaveNoResult() {
        ObjectNode call = orderSign(US_CORE_PATIENT,
                bundle(asDraft("fhir/derived/medicationrequest-coded-oral-furosemide.json")));
        ObjectNode prefetch = call.putObject("prefetch");
        prefetch.putNull("patient");
        prefetch.set("labs", bundle("fhir/us-core/observation-serum-sodium.json"));
        prefetch.putNull("medications");
        prefetch.putNull("conditions");

        JsonNode cards = cards(ORDER_CHECK, call);
        assertThat(cards.size()).isEqualTo(1);
        JsonNode suggestions = cards.get(0).path("suggestions");
        List<String> labels = texts(suggestions, "label");
        assertThat(labels).anyMatch(l -> l.contains("potassium")).anyMatch(l -> l.contains("magnesium"))
                .noneMatch(l -> l.contains("sodium"));
        for (JsonNode suggestion : suggestions) {
            JsonNode resource = suggestion.path("actions").get(0).path("resource");
            assertThat(resource.path("resourceType").asText()).isEqualTo("ServiceRequest");
            assertThat(resource.path("status").asText()).isEqualTo("draft");
            assertThat(resource.path("subject").path("reference").asText()).isEqualTo("Patient/example");
            assertThat(resource.path("code").path("coding").get(0).path("system").asText()).isEqualTo("http://loinc.org");
        }
    }

    @Test
    void shouldRequireTheDraftOrdersOfOrderSign() {
        ObjectNode call = call("order-sign", US_CORE_PATIENT);
        call.putObject("prefetch").putNull("labs");
        post(ORDER_CHECK, call).statusCode(400).body("errors[0].field", is("context.draftOrders"));
    }
}
