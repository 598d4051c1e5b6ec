package org.crampadvisor.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuleMetadataTest {

    @Test
    void shouldStripQuotesAndTypeNumbersAsTheExecutableModelReturnsThemAsStrings() {
        Map<String, Object> normalised = RuleMetadata.normalise(Map.of(
                "description", "\"A \\\"quoted\\\" word\"",
                "weight", "3",
                "ratio", "0.5",
                "flag", "yes"));
        assertThat(normalised).containsEntry("description", "A \"quoted\" word")
                .containsEntry("weight", 3L)
                .containsEntry("ratio", 0.5)
                .containsEntry("flag", "yes");
        assertThat(normalised.keySet()).containsExactly("description", "flag", "ratio", "weight");
    }
}
