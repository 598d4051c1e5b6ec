package org.crampadvisor.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once a ruleset answers requests; the response names its version. */
@Readiness
@ApplicationScoped
public class RulesetHealthCheck implements HealthCheck {

    private final ActiveRuleset activeRuleset;

    RulesetHealthCheck(ActiveRuleset activeRuleset) {
        this.activeRuleset = activeRuleset;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("ruleset");
        if (!activeRuleset.isLoaded()) {
            return response.down().build();
        }
        Ruleset ruleset = activeRuleset.get();
        return response.up().withData("version", ruleset.version()).withData("rules", ruleset.rules().size()).build();
    }
}
