package org.crampadvisor.cdshooks.trust;

/**
 * A CDS Hooks bearer token that is not trusted. The reason is for the service log and the operator,
 * never for the client, which only learns 401: telling a caller which check failed helps an attacker.
 */
public final class TokenRejectedException extends Exception {

    public TokenRejectedException(String reason) {
        super(reason);
    }

    public String reason() {
        return getMessage();
    }
}
