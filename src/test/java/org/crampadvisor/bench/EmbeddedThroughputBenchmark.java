package org.crampadvisor.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(BenchmarkProfiles.EmbeddedStore.class)
class EmbeddedThroughputBenchmark extends ThroughputBenchmark {

    @Override
    String store() {
        return "embedded";
    }
}
