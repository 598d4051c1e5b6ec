package org.crampadvisor.impact;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code since}: a duration back from now, or an instant; anything else is refused with what it takes. */
class ImpactWindowTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            P30D,                      2026-10-28T12:00:00Z
            p30d,                      2026-10-28T12:00:00Z
            PT12H,                     2026-11-27T00:00:00Z
            PT90M,                     2026-11-27T10:30:00Z
            PT30S,                     2026-11-27T11:59:30Z
            P2W,                       2026-11-13T12:00:00Z
            P1M,                       2026-10-27T12:00:00Z
            P1Y,                       2025-11-27T12:00:00Z
            P1DT12H,                   2026-11-26T00:00:00Z
            P0D,                       2026-11-27T12:00:00Z
            P99999999999999999999D,    1970-01-01T00:00:00Z
            P100000Y,                  1970-01-01T00:00:00Z
            2026-11-01T00:00:00Z,      2026-11-01T00:00:00Z
            2026-11-01T01:00:00+01:00, 2026-11-01T00:00:00Z
            2027-01-01T00:00:00Z,      2027-01-01T00:00:00Z
            """)
    void shouldTakeADurationBackFromNowOrAnInstant(String since, String start) {
        assertThat(ImpactWindow.since(since, NOW)).isEqualTo(Instant.parse(start));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "P", "PT", "P1DT", "30d", "-P1D", "P-1D", "PT1.5H", "P1W2D", "yesterday", "2026-11-01",
            "2026-11-01T00:00:00", "1700000000"})
    void shouldRefuseAnythingElseSayingWhatItTakes(String since) {
        assertThatThrownBy(() -> ImpactWindow.since(since, NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO-8601 duration").hasMessageContaining("instant");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            30d,  2026-10-28T12:00:00Z
            12h,  2026-11-27T00:00:00Z
            2w,   2026-11-13T12:00:00Z
            P30D, 2026-10-28T12:00:00Z
            """)
    void shouldTakeTheCommandLinesShorthandThere(String since, String start) {
        assertThat(ImpactWindow.sinceFromCommandLine(since, NOW)).isEqualTo(Instant.parse(start));
    }

    @org.junit.jupiter.api.Test
    void shouldLookBackThirtyDaysByDefault() {
        assertThat(ImpactWindow.defaultSince(NOW)).isEqualTo(Instant.parse("2026-10-28T12:00:00Z"));
    }
}
