package org.crampadvisor.cdshooks;

/**
 * The service could not get FHIR data it needs: the EHR neither sent a prefetch key nor gave a FHIR server
 * the service could read it from in time. CDS Hooks answers this with 412.
 */
public final class FhirServerUnavailableException extends RuntimeException {

    public FhirServerUnavailableException(String detail) {
        super(detail, null, false, false);
    }
}
