package org.crampadvisor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The service's own settings, under {@code advisor.}; each can be set by environment variable too. */
@ConfigMapping(prefix = "advisor")
public interface AdvisorConfig {

    Rules rules();

    Security security();

    Audit audit();

    Benchmark benchmark();

    interface Benchmark {
        /**
         * Benchmarks only: {@code POST /api/v1/benchmark/no-op} parses, validates and serialises an
         * evaluation request without rules or audit, as the baseline of scripts/benchmark-http.sh. The
         * service refuses to start with it on a non-loopback address.
         */
        @WithName("no-op-baseline")
        @WithDefault("false")
        boolean noOpBaseline();
    }

    /** Where the service keeps its own files: the embedded audit store ({@code audit/}) and the pseudonym key. */
    @WithName("data-dir")
    @WithDefault("data")
    String dataDir();

    interface Audit {
        /**
         * The audit store: {@code embedded} (a segment log with a query index under the data dir) or
         * {@code postgresql}; {@code h2} is accepted for {@code embedded}.
         */
        @WithDefault("embedded")
        String store();

        Embedded embedded();

        interface Embedded {
            /**
             * How often the query index is made durable. The log is durable at every commit regardless; after
             * a crash, the entries of at most this last interval are indexed again from the log at start.
             */
            @WithName("index-commit-interval")
            @WithDefault("PT5S")
            java.time.Duration indexCommitInterval();

            /** The size at which the log starts a new segment file. */
            @WithName("segment-bytes")
            @WithDefault("268435456")
            long segmentBytes();
        }

        /**
         * The key for pseudonymising patient ids (base64, at least 32 bytes). Without it a key is
         * generated on first start and kept in {@code <data-dir>/pseudonym.key}.
         */
        @WithName("pseudonym-key")
        java.util.Optional<String> pseudonymKey();
    }

    interface Rules {
        /** The rules folder (env {@code ADVISOR_RULES_DIR}); relative to the working directory. */
        @WithDefault("rules")
        String dir();

        /** Whether a change in the rules folder starts a reload by itself (env {@code ADVISOR_RULES_WATCH}). */
        @WithDefault("true")
        boolean watch();

        /**
         * How long the folder must stay quiet after a change before the reload starts, so that saving
         * several files is one reload.
         */
        @WithName("watch-quiet-period")
        @WithDefault("PT0.5S")
        java.time.Duration watchQuietPeriod();
    }

    interface Security {
        /**
         * Whether the demo accounts requester, auditor and rule-admin (password = user name) exist. They
         * are refused at start unless the service listens on a loopback address only.
         */
        @WithName("demo-users")
        @WithDefault("true")
        boolean demoUsers();
    }
}
