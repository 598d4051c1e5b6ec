package org.crampadvisor.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Throughput with a million records already stored: the log must stay flat as it grows. */
@QuarkusTest
@TestProfile(BenchmarkProfiles.PostgresqlLoaded.class)
class PostgresqlLoadedThroughputBenchmark extends ThroughputBenchmark {

    @Override
    String store() {
        return "postgresql-1m";
    }
}
