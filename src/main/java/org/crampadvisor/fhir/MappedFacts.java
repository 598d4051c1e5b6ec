package org.crampadvisor.fhir;

import org.crampadvisor.evaluation.EvaluationRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts derived from FHIR data, ready for the usual evaluation.
 *
 * @param request      the SPEC section 3 request; it passes the API's Bean Validation (what failed was dropped)
 * @param unrecognized EHR data that was not used, each with its reason
 * @param notAssessed  inputs the evaluation will not have, each with its reason
 * @param origins      for each request field the mapping filled ({@code labs[0]}, {@code medications[1]},
 *                     {@code conditions[0]}, {@code patient}), the FHIR resources it came from ({@code Observation/42})
 * @param drafted      the request fields ({@code medications[i]}) that come only from draft orders: drafted, not taken
 * @param draftOrders  each medication name the draft orders map to ({@code order-sign}), with the draft
 *                     MedicationRequests it comes from, whether or not the patient already takes it
 */
public record MappedFacts(EvaluationRequest request, List<FhirUnrecognized> unrecognized, List<NotAssessed> notAssessed,
                          Map<String, List<String>> origins, Set<String> drafted,
                          Map<String, List<String>> draftOrders) {

    public MappedFacts {
        unrecognized = List.copyOf(unrecognized);
        notAssessed = List.copyOf(notAssessed);
        origins = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(origins));
        drafted = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(drafted));
        draftOrders = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(draftOrders));
    }
}
