package org.crampadvisor.model;

/** A reported neurological symptom, e.g. tremor or numbness. */
public record Symptom(String field, String code) {

    /** The symptom in words: {@code loss-of-coordination} is "loss of coordination". */
    public String description() {
        return code.replace('-', ' ');
    }
}
