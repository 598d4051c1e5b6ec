package org.crampadvisor.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(BenchmarkProfiles.PostgresqlStore.class)
class PostgresqlThroughputBenchmark extends ThroughputBenchmark {

    @Override
    String store() {
        return "postgresql";
    }
}
