package org.crampadvisor.model;

/** Who the patient is, as far as the rules may use it. The patient id is never a fact: rules must not depend on it. */
public record Patient(String field, Integer age, String sex) {
}
