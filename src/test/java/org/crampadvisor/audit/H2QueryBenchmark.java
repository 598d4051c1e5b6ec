package org.crampadvisor.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.crampadvisor.bench.BenchmarkProfiles;

@QuarkusTest
@TestProfile(BenchmarkProfiles.H2Store.class)
class H2QueryBenchmark extends AuditQueryBenchmark {

    @Override
    String store() {
        return "h2";
    }
}
