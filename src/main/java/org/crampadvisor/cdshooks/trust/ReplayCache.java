package org.crampadvisor.cdshooks.trust;

import java.time.Instant;
import java.util.Map;
import java.util.HashMap;

/**
 * The token ids ({@code jti}) this instance has accepted, each kept until its token expires. Tokens
 * live at most five minutes, so the cache holds only recent ids; it is bounded all the same, and when
 * it is full of unexpired ids it refuses new tokens rather than forget one (fail closed).
 */
public final class ReplayCache {

    private final int capacity;
    private final Map<String, Instant> expiryById = new HashMap<>();

    public ReplayCache(int capacity) {
        this.capacity = capacity;
    }

    public enum Use {
        FIRST,
        REPLAYED,
        NO_ROOM
    }

    /** Records {@code jti} of {@code issuer} as used until {@code expiresAt}, unless it was used before. */
    public synchronized Use record(String issuer, String jti, Instant expiresAt, Instant now) {
        String key = issuer + '\u0000' + jti;
        Instant previous = expiryById.get(key);
        if (previous != null && previous.isAfter(now)) {
            return Use.REPLAYED;
        }
        if (expiryById.size() >= capacity) {
            expiryById.values().removeIf(expiry -> !expiry.isAfter(now));
            if (expiryById.size() >= capacity) {
                return Use.NO_ROOM;
            }
        }
        expiryById.put(key, expiresAt);
        return Use.FIRST;
    }

    public int size() {
        return expiryById.size();
    }
}
