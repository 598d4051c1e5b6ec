package org.crampadvisor.audit.stores;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.crampadvisor.audit.AuditStore;
import org.crampadvisor.audit.embedded.EmbeddedAuditStore;
import org.crampadvisor.audit.postgresql.PostgresqlAuditStore;
import org.crampadvisor.config.AdvisorConfig;
import org.crampadvisor.config.AuditStoreSelection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The audit store chosen at start by {@code advisor.audit.store}: embedded (default) or PostgreSQL. */
@ApplicationScoped
public class AuditStoreProducer {

    @Produces
    @ApplicationScoped
    AuditStore store(AdvisorConfig config, @DataSource("postgresql") InjectableInstance<AgroalDataSource> postgresql) {
        return switch (AuditStoreSelection.normalised(config.audit().store())) {
            case AuditStoreSelection.EMBEDDED -> openEmbedded(config);
            case AuditStoreSelection.POSTGRESQL -> new PostgresqlAuditStore(postgresql.get());
            default -> throw new IllegalStateException("advisor.audit.store is '" + config.audit().store()
                    + "'; use one of " + AuditStoreSelection.STORES);
        };
    }

    void close(@Disposes AuditStore store) {
        store.close();
    }

    private static AuditStore openEmbedded(AdvisorConfig config) {
        Path dir = AuditReaders.embeddedDir(Path.of(config.dataDir()));
        try {
            return new EmbeddedAuditStore(dir, config.audit().embedded().segmentBytes(),
                    config.audit().embedded().indexCommitInterval());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedded audit store in " + dir + ": " + e.getMessage(), e);
        }
    }
}
