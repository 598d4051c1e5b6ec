package org.crampadvisor.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameKeyTest {

    @Test
    void shouldFoldCaseApostrophesAndWhiteSpace() {
        assertThat(NameKey.of("  Parkinson\u2019s \t Disease ")).isEqualTo("parkinson's disease");
        assertThat(NameKey.of("Parkinson`s disease")).isEqualTo("parkinson's disease");
        assertThat(NameKey.of("LASIX")).isEqualTo("lasix");
        assertThat(NameKey.of("\uFF2C\uFF41\uFF53\uFF49\uFF58")).as("full-width letters, NFKC").isEqualTo("lasix");
        assertThat(NameKey.of(" ")).isEmpty();
    }
}
