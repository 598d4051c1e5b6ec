package org.crampadvisor.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.config.AdvisorConfig;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the ruleset that answers requests. An evaluation reads it once and keeps that ruleset to the
 * end, so replacing the reference never disturbs an evaluation in flight, and its answer names the
 * version that produced it. Only the reloader, after the gate, puts a ruleset here.
 */
@ApplicationScoped
public class ActiveRuleset {

    private final AdvisorConfig config;
    private final AtomicReference<Ruleset> current = new AtomicReference<>();

    ActiveRuleset(AdvisorConfig config) {
        this.config = config;
    }

    /** The ruleset that answers requests now. */
    public Ruleset get() {
        Ruleset ruleset = current.get();
        if (ruleset == null) {
            throw new IllegalStateException("no ruleset is loaded yet");
        }
        return ruleset;
    }

    public boolean isLoaded() {
        return current.get() != null;
    }

    /** Makes this ruleset answer every request that starts from now on. */
    public void activate(Ruleset ruleset) {
        current.set(ruleset);
    }

    public Path rulesFolder() {
        return Path.of(config.rules().dir()).toAbsolutePath().normalize();
    }
}
