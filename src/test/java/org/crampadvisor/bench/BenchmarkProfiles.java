package org.crampadvisor.bench;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;
import java.util.Set;

/** The stores the benchmarks run against; each is its own Quarkus test profile. */
public final class BenchmarkProfiles {

    private BenchmarkProfiles() {
    }

    /** The audit log replaced by one that keeps nothing. */
    public static class NoOpStore implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(NoOpAuditLog.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("advisor.data-dir", "target/bench-data/noop");
        }
    }

    /** The embedded store, empty at the start of the run. */
    public static class EmbeddedStore implements QuarkusTestProfile {
        private static final String EMPTY_DIR = fresh("target/bench-data/embedded-empty");

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("advisor.data-dir", EMPTY_DIR);
        }
    }

    /** The embedded store with a million records (filled by EmbeddedQueryBenchmark's bulk loader, kept between runs). */
    public static class EmbeddedLoaded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("advisor.data-dir", "target/bench-data/embedded-1m");
        }
    }

    /** PostgreSQL at ADVISOR_BENCH_POSTGRESQL_URL (scripts/audit-benchmarks.sh creates it empty for each run). */
    public static class PostgresqlStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return postgresql("ADVISOR_BENCH_POSTGRESQL_URL", "target/bench-data/postgresql");
        }
    }

    /**
     * PostgreSQL with a million records, at ADVISOR_BENCH_POSTGRESQL_LOADED_URL: filled once by
     * PostgresqlQueryBenchmark's bulk loader and kept between runs.
     */
    public static class PostgresqlLoaded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return postgresql("ADVISOR_BENCH_POSTGRESQL_LOADED_URL", "target/bench-data/postgresql-1m");
        }
    }

    private static Map<String, String> postgresql(String urlVariable, String dataDir) {
        return Map.of("advisor.data-dir", dataDir,
                "advisor.audit.store", "postgresql",
                "quarkus.datasource.postgresql.active", "true",
                "quarkus.datasource.postgresql.jdbc.url", env(urlVariable),
                "quarkus.datasource.postgresql.username", env("ADVISOR_BENCH_POSTGRESQL_USER"),
                "quarkus.datasource.postgresql.password", env("ADVISOR_BENCH_POSTGRESQL_PASSWORD"));
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set; run scripts/audit-benchmarks.sh");
        }
        return value;
    }

    /** A data dir of its own for this run, so that "empty store" means empty (target/ is cleaned by Maven). */
    static String fresh(String dir) {
        return dir + "/" + System.currentTimeMillis();
    }

}
