package org.crampadvisor.evaluation;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Evaluation ids as UUID version 7 (RFC 9562): time-ordered, so that audit records sort and index by
 * creation time, and random enough not to be guessed. The JDK has no v7 generator and the layout is a
 * dozen lines, so it is written here rather than pulling in a library for it.
 */
public final class EvaluationIds {

    // One generator per thread: the shared default one serialises every caller on its lock.
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private EvaluationIds() {
    }

    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    /** A version 7 id for the given Unix time in milliseconds. */
    public static UUID at(long millis) {
        SecureRandom random = RANDOM.get();
        long randA = random.nextInt(1 << 12);
        long randB = random.nextLong();
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
