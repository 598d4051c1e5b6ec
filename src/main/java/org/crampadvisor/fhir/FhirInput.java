package org.crampadvisor.fhir;

import org.hl7.fhir.r4.model.MedicationRequest;

import java.util.List;

/**
 * The FHIR data of one CDS Hooks call, by prefetch key (SPEC section 8), plus the draft orders of an
 * {@code order-sign} call.
 *
 * @param patientId   {@code context.patientId}, with or without the {@code Patient/} prefix
 * @param patient     key {@code patient}: the Patient
 * @param labs        key {@code labs}: Observations
 * @param medications key {@code medications}: active MedicationRequests, and the Medications they reference
 * @param conditions  key {@code conditions}: Conditions
 * @param draftOrders {@code context.draftOrders} MedicationRequests ({@code order-sign}); empty otherwise
 */
public record FhirInput(String patientId, PrefetchEntry patient, PrefetchEntry labs, PrefetchEntry medications,
                        PrefetchEntry conditions, List<MedicationRequest> draftOrders) {

    public FhirInput {
        draftOrders = draftOrders == null ? List.of() : List.copyOf(draftOrders);
    }
}
