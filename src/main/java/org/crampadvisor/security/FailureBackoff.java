package org.crampadvisor.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failures in a row per key (a user name, an address), and how long the key must wait before it may
 * try again: nothing for the first {@code freeFailures}, then a delay that doubles with each further
 * failure up to {@code maxDelay}. A key without a failure for {@code maxDelay} is forgotten. At most
 * {@code maxKeys} keys are held; when full, forgotten ones go first, then the one that failed longest ago.
 */
final class FailureBackoff {

    private record State(int failures, Instant lastFailure, Instant blockedUntil) {
    }

    private final int freeFailures;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    FailureBackoff(int freeFailures, Duration firstDelay, Duration maxDelay, int maxKeys, Clock clock) {
        this.freeFailures = freeFailures;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** How long the key must still wait, if at all. */
    Optional<Duration> waitFor(String key) {
        State state = states.get(key);
        Instant now = clock.instant();
        if (state == null || !state.blockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, state.blockedUntil()));
    }

    void failed(String key) {
        Instant now = clock.instant();
        if (!states.containsKey(key) && states.size() >= maxKeys) {
            makeRoom(now);
        }
        states.compute(key, (k, state) -> {
            int failures = state == null || forgotten(state, now) ? 1 : state.failures() + 1;
            Instant blockedUntil = failures <= freeFailures ? now : now.plus(delay(failures - freeFailures));
            return new State(failures, now, blockedUntil);
        });
    }

    void succeeded(String key) {
        states.remove(key);
    }

    int size() {
        return states.size();
    }

    private Duration delay(int failuresOverFree) {
        int doublings = Math.min(failuresOverFree - 1, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private boolean forgotten(State state, Instant now) {
        return Duration.between(state.lastFailure(), now).compareTo(maxDelay) > 0;
    }

    private void makeRoom(Instant now) {
        states.values().removeIf(state -> forgotten(state, now));
        while (states.size() >= maxKeys) {
            states.entrySet().stream().min(Comparator.comparing(e -> e.getValue().lastFailure()))
                    .ifPresent(oldest -> states.remove(oldest.getKey(), oldest.getValue()));
        }
    }
}
