package org.crampadvisor.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.crampadvisor.bench.BenchmarkProfiles;

@QuarkusTest
@TestProfile(BenchmarkProfiles.EmbeddedLoaded.class)
class EmbeddedQueryBenchmark extends AuditQueryBenchmark {

    @Override
    long storeBytes() {
        long[] sizes = ((org.crampadvisor.audit.embedded.EmbeddedAuditStore) io.quarkus.arc.ClientProxy.unwrap(store)).sizeOnDisk();
        return sizes[0] + sizes[1];
    }

    @Override
    String store() {
        return "embedded";
    }
}
