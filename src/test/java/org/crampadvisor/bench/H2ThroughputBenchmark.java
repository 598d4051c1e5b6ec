package org.crampadvisor.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(BenchmarkProfiles.H2Store.class)
class H2ThroughputBenchmark extends ThroughputBenchmark {

    @Override
    String store() {
        return "h2";
    }
}
