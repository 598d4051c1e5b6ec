package org.crampadvisor.audit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** UUID version 7 ids for the audit log's own entries (feedback): time-ordered, random enough not to collide. */
final class TimeOrderedIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private TimeOrderedIds() {
    }

    static UUID at(Instant time) {
        SecureRandom random = RANDOM.get();
        long msb = (time.toEpochMilli() << 16) | (0x7L << 12) | random.nextInt(1 << 12);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
