package org.crampadvisor.bench;

import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.lifecycle.GateReport;
import org.crampadvisor.lifecycle.RulesetGate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a reload's gate (read, lint, compile, every scenario) takes for the shipped ruleset and for
 * a generated one of 1,000 rules: the first time in a fresh JVM, and warmed up. Not part of
 * {@code mvn test}: {@code mvn test -Dtest=ReloadBenchmark}; results in target/benchmarks/results.txt.
 */
class ReloadBenchmark {

    private static final int WARM_RUNS = 5;

    @TempDir
    Path temp;

    @Test
    void shouldMeasureTheGateForTheShippedRulesetAndForOneThousandRules() {
        Stats.header("reload gate (read, lint, compile, scenarios), " + Runtime.getRuntime().availableProcessors()
                + " cores, " + System.getProperty("java.version"));
        measure("shipped", RulesFolderFixture.RULES);
        measure("1,000 rules", GeneratedRules.folder(temp.resolve("rules-1000"), 1000));
    }

    private void measure(String label, Path folder) {
        RulesetGate gate = new RulesetGate();
        GateReport first = gate.check(folder);
        assertThat(first.passed()).as("%s", first.errors()).isTrue();
        long[] warm = new long[WARM_RUNS];
        for (int i = 0; i < WARM_RUNS; i++) {
            GateReport report = gate.check(folder);
            assertThat(report.passed()).isTrue();
            warm[i] = report.duration().toNanos();
        }
        Stats.row(String.format("%-12s %5d rules, %3d scenarios: first %6.0f ms; warmed up: median %6.0f ms, max %6.0f ms",
                label, first.ruleset().rules().size(), first.scenarios().size(), first.duration().toNanos() / 1e6,
                Stats.percentileMillis(warm, 50), Stats.percentileMillis(warm, 100)));
    }
}
