package org.crampadvisor.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** How failed sign-ins are slowed down, per user name and per client address. */
@ConfigMapping(prefix = "advisor.security.sign-in-throttle")
public interface SignInThrottleConfig {

    /** Failed sign-ins in a row that one user name may have before it must wait. */
    @WithName("user-free-failures")
    @WithDefault("5")
    int userFreeFailures();

    /** Failed sign-ins in a row, for any user name, that one client address may have before it must wait. */
    @WithName("address-free-failures")
    @WithDefault("20")
    int addressFreeFailures();

    /** The first wait; each further failure doubles it, up to {@link #maxDelay()}. */
    @WithName("first-delay")
    @WithDefault("PT1S")
    Duration firstDelay();

    /**
     * The longest wait, and how long failures are remembered: a user or address that has not failed
     * for this long starts afresh, so nobody is locked out for ever.
     */
    @WithName("max-delay")
    @WithDefault("PT15M")
    Duration maxDelay();

    /** How many user names and how many addresses are remembered at most (the oldest are forgotten first). */
    @WithName("max-tracked")
    @WithDefault("10000")
    int maxTracked();
}
