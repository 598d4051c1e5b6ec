package org.crampadvisor.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** The opaque continuation token of a listing: where the previous page ended. */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(AuditQuery.Position position) {
        String plain = position.evaluatedAt().getEpochSecond() + ":" + position.evaluatedAt().getNano() + ":"
                + position.evaluationId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for, or empty when it is not a cursor this service issued. */
    public static Optional<AuditQuery.Position> decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3) {
                return Optional.empty();
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return Optional.of(new AuditQuery.Position(at, UUID.fromString(parts[2])));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
