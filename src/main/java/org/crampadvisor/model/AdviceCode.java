package org.crampadvisor.model;

/** The management advice the rules may select; codes are fixed by the specification (SPEC section 2). */
public enum AdviceCode {
    HYDRATE,
    BALANCED_DIET,
    LOW_IMPACT_EXERCISE,
    WARM_UP_AND_STRETCH,
    REST_DAYS,
    REVIEW_MEDICATION_OR_SUBSTANCES,
    CONSULT_PROFESSIONAL
}
