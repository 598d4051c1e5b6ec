package org.crampadvisor.engine;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.crampadvisor.config.AdvisorConfig;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the ruleset that answers requests. An evaluation reads it once and keeps that ruleset to the
 * end, so replacing the reference never disturbs an evaluation in flight.
 */
@ApplicationScoped
public class ActiveRuleset {

    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);

    /** The outcome of the last attempt to load the rules folder. */
    public record LoadAttempt(String status, Instant at, List<RulesetProblem> errors) {
        public static final String SUCCEEDED = "succeeded";
        public static final String FAILED = "failed";
    }

    private final AdvisorConfig config;
    private final AtomicReference<Ruleset> current = new AtomicReference<>();
    private final AtomicReference<LoadAttempt> lastAttempt = new AtomicReference<>();

    ActiveRuleset(AdvisorConfig config) {
        this.config = config;
    }

    void loadAtStart(@Observes StartupEvent event) {
        Path folder = rulesFolder();
        try {
            Ruleset ruleset = new RulesetCompiler().compile(folder);
            current.set(ruleset);
            lastAttempt.set(new LoadAttempt(LoadAttempt.SUCCEEDED, ruleset.loadedAt(), List.of()));
            LOG.infof("Loaded ruleset %s from %s: %d rules in %d files", ruleset.version(), folder,
                    ruleset.rules().size(), ruleset.files().size());
        } catch (RulesetBuildException e) {
            // Refuse to start rather than answer without rules; the message lists every problem with its place.
            throw new IllegalStateException("Cannot start: the rules folder " + folder + " is not a usable ruleset. "
                    + e.getMessage(), e);
        }
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

    public LoadAttempt lastAttempt() {
        return lastAttempt.get();
    }

    public Path rulesFolder() {
        return Path.of(config.rules().dir()).toAbsolutePath().normalize();
    }
}
