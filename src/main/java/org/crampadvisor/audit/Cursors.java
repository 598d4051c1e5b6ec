package org.crampadvisor.audit;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The opaque continuation tokens of listings: where the previous page ended, signed with HMAC-SHA-256
 * so that the service accepts only cursors it issued. The key is derived from the pseudonym key, which
 * every replica already shares, so any replica accepts another's cursor; a cursor of one listing
 * (evaluations) is refused by another (feedback).
 */
@ApplicationScoped
public class Cursors {

    public enum Listing {
        EVALUATIONS((byte) 'e'), FEEDBACK((byte) 'f');

        private final byte tag;

        Listing(byte tag) {
            this.tag = tag;
        }
    }

    private static final int SIGNATURE_BYTES = 16;
    private static final int PLAIN_BYTES = 1 + 8 + 4 + 16;
    private final SecretKeySpec key;

    public Cursors(Pseudonyms pseudonyms) {
        this.key = new SecretKeySpec(pseudonyms.derivedKey("cursor"), "HmacSHA256");
    }

    public String encode(Listing listing, AuditQuery.Position position) {
        ByteBuffer token = ByteBuffer.allocate(PLAIN_BYTES + SIGNATURE_BYTES);
        token.put(listing.tag).putLong(position.at().getEpochSecond()).putInt(position.at().getNano())
                .putLong(position.id().getMostSignificantBits()).putLong(position.id().getLeastSignificantBits());
        token.put(sign(token.array(), PLAIN_BYTES), 0, SIGNATURE_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** The position a cursor stands for, or empty when this service did not issue it for this listing. */
    public Optional<AuditQuery.Position> decode(Listing listing, String cursor) {
        byte[] token;
        try {
            token = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (token.length != PLAIN_BYTES + SIGNATURE_BYTES) {
            return Optional.empty();
        }
        byte[] expected = sign(token, PLAIN_BYTES);
        byte[] given = java.util.Arrays.copyOfRange(token, PLAIN_BYTES, token.length);
        if (!MessageDigest.isEqual(java.util.Arrays.copyOf(expected, SIGNATURE_BYTES), given) || token[0] != listing.tag) {
            return Optional.empty();
        }
        ByteBuffer plain = ByteBuffer.wrap(token, 1, PLAIN_BYTES - 1);
        try {
            Instant at = Instant.ofEpochSecond(plain.getLong(), plain.getInt());
            return Optional.of(new AuditQuery.Position(at, new UUID(plain.getLong(), plain.getLong())));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }
}
