package org.crampadvisor.impact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.crampadvisor.audit.AuditReader;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.audit.stores.AuditReaders;
import org.crampadvisor.config.AuditStoreSelection;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.StrictJson;
import org.crampadvisor.lifecycle.CheckCommand;
import org.crampadvisor.lifecycle.GateReport;
import org.crampadvisor.lifecycle.RulesetGate;
import org.crampadvisor.replay.ArchivedRulesets;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code scripts/check-rules --impact [--since 30d] [--limit N] [--json] [rules-folder]}: what a rules
 * folder would change in the audited decisions, before it goes live. The folder passes the reload gate
 * first (a refused folder is reported as {@code scripts/check-rules} reports it, and nothing is
 * compared); the decisions are read from the audit store the service uses, with the service's settings
 * ({@code advisor.audit.store}, {@code advisor.data-dir}, {@code quarkus.datasource.postgresql.*}), while
 * the service runs. The folder is compared with the version that answered the newest decision, rebuilt
 * from the store's archive. Exits 0 when the preview ran, 1 when the folder was refused, 2 when called
 * wrongly, 3 when the audit store cannot be read or the preview fails.
 */
public final class ImpactCommand {

    static final int PREVIEWED = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int NO_STORE = 3;
    static final String USAGE_TEXT = "usage: scripts/check-rules --impact [--since 30d|P30D|2026-11-01T00:00:00Z] "
            + "[--limit N] [--json] [rules-folder]\n"
            + "  --since  the window: a duration back from now (30d, 12h, 2w or ISO-8601 such as P30D) or an instant; "
            + "default 30d\n"
            + "  --limit  the most decisions compared, newest first, 1 to " + String.format(Locale.ROOT, "%,d",
            ImpactPreview.MAX_DECISIONS) + " (the default)\n"
            + "  --json   the report as JSON instead of text";

    private ImpactCommand() {
    }

    public static void main(String[] args) {
        // The libraries' progress messages are not for rule authors; their warnings are.
        Logger.getLogger("").setLevel(Level.WARNING);
        System.exit(run(args, serviceConfig(), System.out, System.err));
    }

    record Options(Path folder, Instant since, int limit, boolean json) {
    }

    static int run(String[] args, SmallRyeConfig config, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = options(args, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (options == null) {
            out.println(USAGE_TEXT);
            return USAGE;
        }
        ObjectMapper json = StrictJson.newMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);

        GateReport gate = new RulesetGate().check(options.folder());
        if (!gate.passed()) {
            if (options.json()) {
                Map<String, Object> refused = new LinkedHashMap<>();
                refused.put("candidateVersion", gate.candidateVersion());
                refused.put("errors", gate.errors());
                print(json, refused, out);
            } else {
                CheckCommand.print(gate, out);
                out.println("Nothing was compared: the impact preview runs only on a folder the service would take.");
            }
            return REFUSED;
        }
        if (!options.json()) {
            out.println("Rules folder " + gate.folder() + ": passed its checks (" + gate.scenariosPassed()
                    + " scenarios), version " + gate.candidateVersion());
        }

        AuditReader reader;
        try {
            reader = AuditReaders.openReadOnly(config);
        } catch (RuntimeException e) {
            err.println("Cannot read the audit store (" + describeStore(config) + "): " + e.getMessage());
            err.println("Run this where the service keeps its data, with the same settings (ADVISOR_AUDIT_STORE, "
                    + "ADVISOR_DATA_DIR, QUARKUS_DATASOURCE_POSTGRESQL_*), or preview over HTTP with "
                    + "POST /api/v1/ruleset/impact.");
            return NO_STORE;
        }
        try (reader) {
            AtomicReference<String> newestVersion = new AtomicReference<>();
            reader.stream(null, 1, newest -> newestVersion.set(newest.rulesetVersion()));
            if (newestVersion.get() == null) {
                out.println("The audit store (" + describeStore(config) + ") holds no decisions: nothing to compare.");
                return PREVIEWED;
            }
            Ruleset active = gate.ruleset().version().equals(newestVersion.get()) ? gate.ruleset()
                    : ArchivedRulesets.compile(reader.ruleset(newestVersion.get()).orElseThrow(() ->
                    new IllegalStateException("ruleset " + newestVersion.get() + " is not archived in the audit store")));
            if (!options.json()) {
                out.println("Compared with " + active.version() + ", the version that answered the newest decision in "
                        + "the audit store (" + describeStore(config) + ")");
                out.println();
            }
            ImpactProgress progress = new ImpactProgress();
            ImpactReport report = withProgress(progress, err, () -> new ImpactPreview(json,
                    Runtime.getRuntime().availableProcessors()).compare(gate.ruleset(), active,
                    AuditedDecisions.of(reader), options.since(), options.limit(), progress));
            if (options.json()) {
                print(json, report, out);
            } else {
                out.print(ImpactText.of(report));
            }
            return PREVIEWED;
        } catch (RuntimeException e) {
            err.println("The preview stopped: " + (e instanceof CancellationException ? "cancelled" : e.getMessage()));
            return NO_STORE;
        }
    }

    /** The options, or null when help was asked for. */
    static Options options(String[] args, Clock clock) {
        Path folder = null;
        Instant since = ImpactWindow.defaultSince(clock);
        int limit = ImpactPreview.MAX_DECISIONS;
        boolean json = false;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            String value = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
                arg = arg.substring(0, arg.indexOf('='));
            }
            switch (arg) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--impact" -> {
                }
                case "--json" -> json = true;
                case "--since" -> {
                    String text = value != null ? value : next(rest, arg);
                    try {
                        since = ImpactWindow.sinceFromCommandLine(text, clock);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--since " + text + ": " + e.getMessage()
                                + ", or a shorthand such as 30d, 12h, 2w");
                    }
                }
                case "--limit" -> {
                    String text = value != null ? value : next(rest, arg);
                    try {
                        limit = Integer.parseInt(text.strip());
                    } catch (NumberFormatException e) {
                        limit = -1;
                    }
                    if (limit < 1 || limit > ImpactPreview.MAX_DECISIONS) {
                        throw new IllegalArgumentException("--limit " + text + ": must be a whole number from 1 to "
                                + ImpactPreview.MAX_DECISIONS);
                    }
                }
                default -> {
                    if (arg.startsWith("-") || folder != null) {
                        throw new IllegalArgumentException("unexpected argument: " + arg);
                    }
                    folder = Path.of(arg);
                }
            }
        }
        return new Options(folder == null ? Path.of("rules") : folder, since, limit, json);
    }

    private static String next(List<String> rest, String option) {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }

    /** The service's settings as it would read them: environment, system properties, its application.properties. */
    static SmallRyeConfig serviceConfig() {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultSources();
        URL properties = ImpactCommand.class.getClassLoader().getResource("application.properties");
        if (properties != null) {
            try {
                builder.withSources(new PropertiesConfigSource(properties, 250));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return builder.build();
    }

    private static String describeStore(SmallRyeConfig config) {
        String store = AuditStoreSelection.normalised(config.getOptionalValue(AuditStoreSelection.STORE, String.class)
                .orElse(AuditStoreSelection.EMBEDDED));
        if (store.equals(AuditStoreSelection.POSTGRESQL)) {
            return "PostgreSQL at " + config.getOptionalValue("quarkus.datasource.postgresql.jdbc.url", String.class)
                    .orElse("(quarkus.datasource.postgresql.jdbc.url is not set)");
        }
        Path dataDir = Path.of(config.getOptionalValue(AuditStoreSelection.DATA_DIR, String.class).orElse("data"));
        return "embedded, " + AuditReaders.embeddedDir(dataDir).toAbsolutePath().normalize();
    }

    private interface Preview {
        ImpactReport run();
    }

    /** Runs the preview, telling the terminal every few seconds how far it has got. */
    private static ImpactReport withProgress(ImpactProgress progress, PrintStream err, Preview preview) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "impact-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> {
            Long total = progress.total();
            if (total != null && progress.handled() < total) {
                err.printf(Locale.ROOT, "compared %,d of %,d decisions%n", progress.handled(), total);
            }
        }, 5, 5, TimeUnit.SECONDS);
        try {
            return preview.run();
        } finally {
            ticker.shutdownNow();
        }
    }

    private static void print(ObjectMapper json, Object value, PrintStream out) {
        try {
            out.println(json.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
