package org.crampadvisor.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(BenchmarkProfiles.NoOpStore.class)
class NoOpThroughputBenchmark extends ThroughputBenchmark {

    @Override
    String store() {
        return "no-op";
    }
}
