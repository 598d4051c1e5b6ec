package org.crampadvisor.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.crampadvisor.config.AdvisorConfig;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.explain.Explanations;
import org.crampadvisor.engine.RulesetProblem;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Loads the rules folder at start, on {@code POST /api/v1/ruleset/reload} and, when
 * {@code advisor.rules.watch} is on, after each change in the folder. Every attempt goes through the
 * {@link RulesetGate}; only a candidate that passes replaces the active ruleset, in one atomic swap.
 * Attempts run one at a time; evaluations never wait for them.
 */
@ApplicationScoped
public class RulesReloader {

    private static final Logger LOG = Logger.getLogger(RulesReloader.class);

    private final ActiveRuleset activeRuleset;
    private final AdvisorConfig config;
    private final MeterRegistry registry;
    private final RulesetGate gate = new RulesetGate();
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<ReloadReport> lastReload = new AtomicReference<>();
    private final MultiGauge activeVersionInfo;
    private final Event<RulesetActivated> activated;
    private RulesFolderWatcher watcher;
    /** Compiles the why-not probes of each activated version ahead of the first request that asks why not. */
    private final java.util.concurrent.ExecutorService explanationsAhead = java.util.concurrent.Executors
            .newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "why-not-probes");
                thread.setDaemon(true);
                thread.setPriority(Thread.MIN_PRIORITY);
                return thread;
            });

    RulesReloader(ActiveRuleset activeRuleset, AdvisorConfig config, MeterRegistry registry,
                  Event<RulesetActivated> activated) {
        this.activeRuleset = activeRuleset;
        this.config = config;
        this.registry = registry;
        this.activated = activated;
        this.activeVersionInfo = MultiGauge.builder("advisor.ruleset.active.info")
                .description("The ruleset version that answers requests (value 1, version as tag)")
                .register(registry);
    }

    void loadAtStart(@Observes StartupEvent event) {
        ReloadReport report = reload(ReloadReport.Trigger.START);
        if (report.status() == ReloadReport.Status.REFUSED) {
            // Refuse to start rather than answer with no rules, or with rules no scenario vouches for.
            throw new IllegalStateException("Cannot start: the rules folder " + activeRuleset.rulesFolder()
                    + " did not pass its checks:\n  " + describe(report.errors()));
        }
        if (config.rules().watch()) {
            try {
                watcher = new RulesFolderWatcher(activeRuleset.rulesFolder(), config.rules().watchQuietPeriod(),
                        changed -> reload(ReloadReport.Trigger.WATCH));
                watcher.start();
                LOG.infof("Watching %s: a change is checked and, if it passes, activated without a restart",
                        activeRuleset.rulesFolder());
            } catch (IOException e) {
                LOG.warnf("Cannot watch %s (%s); reload with POST /api/v1/ruleset/reload", activeRuleset.rulesFolder(),
                        e.getClass().getName());
            }
        }
    }

    void stopWatching(@Observes ShutdownEvent event) {
        if (watcher != null) {
            watcher.close();
        }
        explanationsAhead.shutdownNow();
    }

    /** Checks the rules folder as it is now and activates it if it passes; the previous version serves otherwise. */
    public synchronized ReloadReport reload(ReloadReport.Trigger trigger) {
        Instant at = clock.instant();
        Path folder = activeRuleset.rulesFolder();
        Ruleset previous = activeRuleset.isLoaded() ? activeRuleset.get() : null;
        counter("advisor.ruleset.reload.attempts", "Attempts to load the rules folder", Tags.of("trigger", trigger.code()))
                .increment();
        GateReport checked;
        try {
            checked = gate.check(folder, previous);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Checking the rules folder %s failed unexpectedly", folder);
            checked = new GateReport(folder.toString(), null, null, List.of(RulesetProblem.inFolder(
                    "the check failed unexpectedly (" + e.getClass().getName() + "); see the service log")),
                    List.of(), List.of(), java.time.Duration.between(at, clock.instant()));
        }

        ReloadReport.Status status;
        if (checked.passed()) {
            activeRuleset.activate(checked.ruleset());
            Explanations.of(checked.ruleset()).prepare(explanationsAhead);
            status = previous != null && previous.version().equals(checked.candidateVersion())
                    ? ReloadReport.Status.UNCHANGED : ReloadReport.Status.ACTIVATED;
            activeVersionInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", checked.candidateVersion()), 1)), true);
        } else {
            status = ReloadReport.Status.REFUSED;
            String firstCheck = checked.errors().stream().map(RulesetProblem::check)
                    .min(Comparator.naturalOrder()).map(RulesetProblem.Check::code).orElse("unknown");
            counter("advisor.ruleset.reload.failures", "Reload attempts refused by the gate",
                    Tags.of("trigger", trigger.code(), "check", firstCheck)).increment();
        }
        Timer.builder("advisor.ruleset.reload.duration").description("Time to check a candidate ruleset")
                .tag("status", status.code()).register(registry)
                .record(checked.duration().toNanos(), TimeUnit.NANOSECONDS);

        String activeVersion = activeRuleset.isLoaded() ? activeRuleset.get().version() : null;
        ReloadReport report = ReloadReport.of(status, trigger, at, checked, activeVersion);
        lastReload.set(report);
        log(report, folder);
        if (status == ReloadReport.Status.ACTIVATED && previous != null) {
            activated.fire(new RulesetActivated(previous, checked.ruleset(), report));
        }
        return lastReload.get();
    }

    /**
     * Adds the impact of an activation to {@code lastReload}, as long as that activation is still the last
     * reload attempt (a later attempt has a report of its own).
     */
    public void recordImpact(ReloadReport activation, ReloadReport.Impact impact) {
        lastReload.updateAndGet(last -> last != null && last.at().equals(activation.at())
                && Objects.equals(last.candidateVersion(), activation.candidateVersion()) ? last.withImpact(impact) : last);
    }

    /** The last attempt, whatever its outcome. */
    public ReloadReport lastReload() {
        return lastReload.get();
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private static void log(ReloadReport report, Path folder) {
        switch (report.status()) {
            case ACTIVATED -> LOG.infof("Activated ruleset %s from %s (%s): %d scenarios passed, checked in %d ms",
                    report.candidateVersion(), folder, report.trigger().code(), report.scenarios().passed(),
                    report.durationMillis());
            case UNCHANGED -> LOG.infof("Ruleset %s unchanged (%s): %d scenarios passed, checked in %d ms",
                    report.candidateVersion(), report.trigger().code(), report.scenarios().passed(), report.durationMillis());
            case REFUSED -> LOG.warnf("Refused the rules folder %s (%s); %s keeps serving. %d problem(s):\n  %s", folder,
                    report.trigger().code(), report.activeVersion() == null ? "no ruleset" : report.activeVersion(),
                    report.errors().size(), describe(report.errors()));
        }
        if (!report.warnings().isEmpty()) {
            LOG.warnf("%d warning(s) about the rules folder %s:\n  %s", report.warnings().size(), folder,
                    describe(report.warnings()));
        }
    }

    private static String describe(List<RulesetProblem> problems) {
        return problems.stream().map(RulesetProblem::toString).collect(Collectors.joining("\n  "));
    }
}
