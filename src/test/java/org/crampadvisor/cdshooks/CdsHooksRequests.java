package org.crampadvisor.cdshooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

import static org.crampadvisor.cdshooks.CdsHooksTokens.fixture;

/**
 * CDS Hooks requests as an EHR sends them, assembled from the real fixtures under src/test/resources
 * (sources and licences in their READMEs). Where a test changes a fixture, the method says what.
 */
final class CdsHooksRequests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SYNTHEA = "fhir/synthea/josue-sipes-stroke-ckd/";
    /** The Synthea patient's id (patient.json). */
    static final String SYNTHEA_PATIENT = "bd6f9f37-7295-4cd6-b212-134afcef1253";
    /** The patient of the US Core examples and of the fixtures derived from them. */
    static final String US_CORE_PATIENT = "example";

    private CdsHooksRequests() {
    }

    static ObjectNode resource(String path) {
        try {
            return (ObjectNode) JSON.readTree(fixture(path));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(path, e);
        }
    }

    /** A searchset Bundle of the given resources, as an EHR's prefetch sends it. */
    static ObjectNode bundle(JsonNode... resources) {
        ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = bundle.putArray("entry");
        for (JsonNode resource : resources) {
            entries.addObject().set("resource", resource);
        }
        return bundle;
    }

    static ObjectNode bundle(String... paths) {
        JsonNode[] resources = new JsonNode[paths.length];
        for (int i = 0; i < paths.length; i++) {
            resources[i] = resource(paths[i]);
        }
        return bundle(resources);
    }

    /**
     * The derived leg cramps Condition (ICD-10 R25.2) for another patient: its subject is rewritten to that
     * patient (no Synthea patient has a cramps-group condition).
     */
    static ObjectNode legCrampsOf(String patientId) {
        ObjectNode condition = resource("fhir/derived/condition-leg-cramps.json");
        ((ObjectNode) condition.get("subject")).put("reference", "Patient/" + patientId);
        return condition;
    }

    /** The Synthea patient's conditions (what our conditions template returns), optionally with leg cramps added. */
    static ObjectNode syntheaConditions(boolean withLegCramps) {
        ObjectNode conditions = resource(SYNTHEA + "conditions.json");
        if (withLegCramps) {
            ((ArrayNode) conditions.get("entry")).addObject().set("resource", legCrampsOf(SYNTHEA_PATIENT));
        }
        return conditions;
    }

    /** A call with the Synthea patient's prefetch (what our templates return for them). */
    static ObjectNode syntheaPatientView(boolean withLegCramps) {
        ObjectNode call = call("patient-view", SYNTHEA_PATIENT);
        ObjectNode prefetch = call.putObject("prefetch");
        prefetch.set("patient", resource(SYNTHEA + "patient.json"));
        prefetch.set("labs", resource(SYNTHEA + "labs.json"));
        prefetch.set("medications", resource(SYNTHEA + "medications.json"));
        prefetch.set("conditions", syntheaConditions(withLegCramps));
        return call;
    }

    /** The skeleton of a call: hook, a fresh hookInstance, the context's patient. */
    static ObjectNode call(String hook, String patientId) {
        ObjectNode call = JSON.createObjectNode().put("hook", hook).put("hookInstance", UUID.randomUUID().toString());
        call.putObject("context").put("userId", "Practitioner/example").put("patientId", patientId);
        return call;
    }

    /** A US Core MedicationRequest or a derived one as a draft order ({@code status} set to draft). */
    static ObjectNode asDraft(String path) {
        return resource(path).put("status", "draft");
    }

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
