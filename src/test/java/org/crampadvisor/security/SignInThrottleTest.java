package org.crampadvisor.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private record Config(int userFreeFailures, int addressFreeFailures, Duration firstDelay, Duration maxDelay,
                          int maxTracked) implements SignInThrottleConfig {
    }

    private final ManualClock clock = new ManualClock();
    private final SignInThrottle throttle = new SignInThrottle(
            new Config(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15), 100), clock);

    @Test
    void shouldLetAUserFailFiveTimesThenMakeItWaitLongerAfterEachFailure() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        assertThat(throttle.waitFor("alice", "10.0.0.1")).isEmpty();

        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.waitFor("alice", "10.0.0.2")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("alice", "10.0.0.1")).isEmpty();

        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.waitFor("alice", "10.0.0.1")).contains(Duration.ofSeconds(2));
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.waitFor("alice", "10.0.0.1")).contains(Duration.ofSeconds(4));
        assertThat(throttle.waitFor("bob", "10.0.0.3")).as("another user elsewhere").isEmpty();
    }

    @Test
    void shouldNeverMakeAUserWaitLongerThanTheMaximumNorRememberItForEver() {
        for (int i = 0; i < 60; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        assertThat(throttle.waitFor("alice", "10.0.0.9")).contains(Duration.ofMinutes(15));

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(throttle.waitFor("alice", "10.0.0.9")).isEmpty();
        throttle.failed("alice", "10.0.0.9");
        assertThat(throttle.waitFor("alice", "10.0.0.9")).as("the old failures are forgotten").isEmpty();
    }

    @Test
    void shouldClearAUserOnASuccessfulSignIn() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        clock.advance(Duration.ofSeconds(1));
        throttle.succeeded("alice");
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.waitFor("alice", "10.0.0.5")).isEmpty();
    }

    @Test
    void shouldSlowDownAnAddressThatTriesManyUserNames() {
        for (int i = 0; i < 21; i++) {
            throttle.failed("user-" + i, "10.0.0.66");
        }
        assertThat(throttle.waitFor("someone-new", "10.0.0.66")).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitFor(null, "10.0.0.66")).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("someone-new", "10.0.0.67")).isEmpty();
    }

    @Test
    void shouldStayBoundedInMemoryForgettingTheOldestFirst() {
        FailureBackoff backoff = new FailureBackoff(0, Duration.ofSeconds(1), Duration.ofMinutes(15), 100, clock);
        for (int i = 0; i < 1000; i++) {
            backoff.failed("user-" + i);
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(backoff.size()).isLessThanOrEqualTo(100);
        assertThat(backoff.waitFor("user-999")).isPresent();
        assertThat(backoff.waitFor("user-0")).isEmpty();
    }

    @Test
    void shouldReadTheUserNameOfBasicCredentials() {
        assertThat(SignInThrottle.basicUser("Basic YWxpY2U6czNjcmV0")).isEqualTo("alice");
        assertThat(SignInThrottle.basicUser("basic YWxpY2U6czNjcmV0")).isEqualTo("alice");
        assertThat(SignInThrottle.basicUser("Bearer abc")).isNull();
        assertThat(SignInThrottle.basicUser("Basic not base64!")).isNull();
        assertThat(SignInThrottle.basicUser(null)).isNull();
    }
}
