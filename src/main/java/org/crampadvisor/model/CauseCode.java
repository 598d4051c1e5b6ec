package org.crampadvisor.model;

/** The causes the rules may conclude; codes and titles are fixed by the specification (SPEC section 2). */
public enum CauseCode {
    ELECTROLYTE_IMBALANCE("Electrolyte imbalance"),
    NUTRITIONAL_DEFICIENCY("Nutritional deficiency"),
    OVERUSE_OR_STRAIN("Overuse or muscle strain"),
    NEUROLOGICAL_DISORDER("Possible neurological cause"),
    MEDICATION_OR_SUBSTANCE("Medication or substance effect");

    private final String title;

    CauseCode(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
