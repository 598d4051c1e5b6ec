package org.crampadvisor.model;

/** What kind of input a piece of evidence rests on; referral rules use it to single out lab-based findings. */
public enum Basis {
    LAB_VALUE,
    HYDRATION,
    DIET,
    ACTIVITY,
    CONDITION,
    MEDICATION,
    SUBSTANCE,
    SYMPTOM
}
