package org.crampadvisor.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CursorsTest {

    private static final String SHARED_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dataDir;

    private Cursors replica(String key) {
        return new Cursors(new Pseudonyms(Optional.of(key), dataDir.toString()));
    }

    private static final AuditQuery.Position POSITION = new AuditQuery.Position(
            Instant.parse("2026-11-26T10:00:00.123456789Z"), UUID.fromString("01a2155e-c65d-7ce9-a876-415eaca45068"));

    @Test
    void shouldAcceptACursorIssuedByAnyReplicaSharingThePseudonymKey() {
        String cursor = replica(SHARED_KEY).encode(Cursors.Listing.EVALUATIONS, POSITION);
        assertThat(replica(SHARED_KEY).decode(Cursors.Listing.EVALUATIONS, cursor)).contains(POSITION);
    }

    @Test
    void shouldRefuseForgedTamperedOrForeignCursors() {
        Cursors cursors = replica(SHARED_KEY);
        String cursor = cursors.encode(Cursors.Listing.EVALUATIONS, POSITION);
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        bytes[5] ^= 1; // a later time
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String otherKey = Base64.getEncoder().encodeToString(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

        assertThat(cursors.decode(Cursors.Listing.EVALUATIONS, tampered)).isEmpty();
        assertThat(replica(otherKey).decode(Cursors.Listing.EVALUATIONS, cursor)).isEmpty();
        assertThat(cursors.decode(Cursors.Listing.FEEDBACK, cursor)).isEmpty();
        assertThat(cursors.decode(Cursors.Listing.EVALUATIONS, "not-a-cursor")).isEmpty();
        assertThat(cursors.decode(Cursors.Listing.EVALUATIONS, cursor.substring(1))).isEmpty();
    }
}
