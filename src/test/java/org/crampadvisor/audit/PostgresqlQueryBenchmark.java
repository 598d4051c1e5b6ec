package org.crampadvisor.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.crampadvisor.bench.BenchmarkProfiles;

@QuarkusTest
@TestProfile(BenchmarkProfiles.PostgresqlLoaded.class)
class PostgresqlQueryBenchmark extends AuditQueryBenchmark {

    @Override
    String store() {
        return "postgresql";
    }
}
