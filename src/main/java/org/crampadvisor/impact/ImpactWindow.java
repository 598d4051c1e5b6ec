package org.crampadvisor.impact;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a preview's window starts: an ISO-8601 duration back from now, in the form RFC 3339 gives it and
 * JSON Schema's {@code duration} format checks ({@code P30D}, {@code PT12H}, {@code P2W}, {@code P1M},
 * {@code P1DT12H}), or an instant with its offset ({@code 2026-11-01T00:00:00Z}). A window reaching back
 * before 1970 takes every decision.
 */
public final class ImpactWindow {

    /** RFC 3339 durations: weeks alone, or years, months, days and a time part, each optional but not all. */
    private static final Pattern DURATION = Pattern.compile(
            "P(?:(\\d+)W|(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?)",
            Pattern.CASE_INSENSITIVE);
    /** The command line's shorthand: {@code 30d}, {@code 12h}, {@code 2w}. */
    private static final Pattern SHORTHAND = Pattern.compile("(\\d{1,9})([dhw])", Pattern.CASE_INSENSITIVE);
    /** What {@code since} takes, for messages. */
    public static final String EXPECTED = "must be an ISO-8601 duration back from now (P30D, PT12H, P2W) or an instant "
            + "with offset (2026-11-01T00:00:00Z)";

    private ImpactWindow() {
    }

    /** The start of the window when no {@code since} is given: 30 days ago. */
    public static Instant defaultSince(Clock clock) {
        return clock.instant().minus(ImpactPreview.DEFAULT_WINDOW);
    }

    /**
     * The start of the window {@code text} describes.
     *
     * @throws IllegalArgumentException with what it takes, when it is neither a duration nor an instant
     */
    public static Instant since(String text, Clock clock) {
        String value = text.strip();
        Matcher duration = DURATION.matcher(value);
        if (duration.matches() && !value.toUpperCase(Locale.ROOT).endsWith("P")
                && !value.toUpperCase(Locale.ROOT).endsWith("T")) {
            return back(clock, duration);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(EXPECTED);
        }
    }

    /** As {@link #since}, and also {@code 30d}, {@code 12h} or {@code 2w}, as one types them on a command line. */
    public static Instant sinceFromCommandLine(String text, Clock clock) {
        Matcher shorthand = SHORTHAND.matcher(text.strip());
        if (shorthand.matches()) {
            String unit = shorthand.group(2).toUpperCase(Locale.ROOT);
            return since(unit.equals("H") ? "PT" + shorthand.group(1) + "H" : "P" + shorthand.group(1) + unit, clock);
        }
        return since(text, clock);
    }

    private static Instant back(Clock clock, Matcher duration) {
        try {
            Period period = Period.of(0, 0, 0);
            if (duration.group(1) != null) {
                period = Period.ofWeeks(Math.toIntExact(Long.parseLong(duration.group(1))));
            }
            period = period.plusYears(number(duration.group(2))).plusMonths(number(duration.group(3)))
                    .plusDays(number(duration.group(4)));
            Duration time = Duration.ofHours(number(duration.group(5))).plusMinutes(number(duration.group(6)))
                    .plusSeconds(number(duration.group(7)));
            Instant since = clock.instant().atOffset(ZoneOffset.UTC).minus(period).toInstant().minus(time);
            return since.isBefore(Instant.EPOCH) ? Instant.EPOCH : since;
        } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
            return Instant.EPOCH; // further back than the calendar goes: every decision
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
