package org.crampadvisor.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts firings per rule ({@code advisor_rule_firings_total{rule, file}}) from the trace the engine
 * listeners collected, so that a rule author sees which rules carry the load without writing code.
 * Scenario runs of the reload gate are not counted: they are not decisions.
 */
@ApplicationScoped
public class RuleFiringMetrics {

    private final MeterRegistry registry;
    // By file, then rule: two lookups and no key to build for each firing.
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();

    RuleFiringMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(List<TraceEntry> firings) {
        for (TraceEntry firing : firings) {
            String file = firing.file() == null ? "" : firing.file();
            counters.computeIfAbsent(file, f -> new ConcurrentHashMap<>())
                    .computeIfAbsent(firing.rule(), rule -> Counter.builder("advisor.rule.firings")
                            .description("Times a rule fired while answering an evaluation")
                            .tag("rule", rule)
                            .tag("file", file)
                            .register(registry))
                    .increment();
        }
    }
}
