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

    /** The embedded H2 store, in a database of its own. */
    public static class H2Store implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("advisor.data-dir", "target/bench-data/h2");
        }
    }

    /** PostgreSQL, at ADVISOR_BENCH_POSTGRESQL_URL (scripts/audit-benchmarks.sh starts one). */
    public static class PostgresqlStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("advisor.data-dir", "target/bench-data/postgresql",
                    "advisor.audit.store", "postgresql",
                    "quarkus.datasource.h2.active", "false",
                    "quarkus.datasource.postgresql.active", "true",
                    "quarkus.datasource.postgresql.jdbc.url", env("ADVISOR_BENCH_POSTGRESQL_URL"),
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
    }
}
