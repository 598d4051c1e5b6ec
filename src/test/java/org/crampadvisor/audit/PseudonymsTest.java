package org.crampadvisor.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymsTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldGenerateAnOwnerOnlyKeyOnFirstStartAndKeepUsingIt() throws Exception {
        Pseudonyms first = new Pseudonyms(Optional.empty(), dataDir.toString());
        Path key = dataDir.resolve(Pseudonyms.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        Pseudonyms second = new Pseudonyms(Optional.empty(), dataDir.toString());
        assertThat(second.of("p-123")).isEqualTo(first.of("p-123")).matches("[0-9a-f]{64}").isNotEqualTo("p-123");
        assertThat(first.of("p-124")).isNotEqualTo(first.of("p-123"));
    }

    @Test
    void shouldUseTheConfiguredKeyAndRefuseAShortOne() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Pseudonyms configured = new Pseudonyms(Optional.of(key), dataDir.toString());
        Pseudonyms generated = new Pseudonyms(Optional.empty(), dataDir.toString());
        assertThat(configured.of("p-123")).isNotEqualTo(generated.of("p-123"));
        assertThat(Files.exists(dataDir.resolve(Pseudonyms.KEY_FILE))).isTrue();

        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new Pseudonyms(Optional.of(shortKey), dataDir.toString()))
                .hasMessageContaining("at least 32 bytes");
    }
}
