package org.crampadvisor.api;

/** The roles of SPEC section 7. */
public final class Roles {

    public static final String REQUESTER = "requester";
    public static final String AUDITOR = "auditor";
    public static final String RULE_ADMIN = "rule-admin";

    private Roles() {
    }
}
