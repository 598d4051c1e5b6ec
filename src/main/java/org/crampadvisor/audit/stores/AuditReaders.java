package org.crampadvisor.audit.stores;

import org.crampadvisor.audit.AuditReader;
import org.crampadvisor.audit.embedded.EmbeddedAuditReader;
import org.crampadvisor.audit.postgresql.PostgresqlAuditStore;
import org.crampadvisor.config.AuditStoreSelection;
import org.eclipse.microprofile.config.Config;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Opens the audit store read-only from another process (the impact preview's command-line mode, a
 * backup check) with the service's own configuration: {@code advisor.audit.store}, {@code advisor.data-dir}
 * for the embedded store, {@code quarkus.datasource.postgresql.jdbc.url}, {@code .username} and
 * {@code .password} for PostgreSQL. The service may keep running and writing meanwhile.
 *
 * <p>What a reader sees: on the embedded store, every entry acknowledged before it was opened (the index
 * as last committed plus the log's entries past it); on PostgreSQL, every committed entry, as each query
 * runs.
 */
public final class AuditReaders {

    private AuditReaders() {
    }

    public static AuditReader openReadOnly(Config config) {
        String store = AuditStoreSelection.normalised(config.getOptionalValue(AuditStoreSelection.STORE, String.class)
                .orElse(AuditStoreSelection.EMBEDDED));
        if (store.equals(AuditStoreSelection.POSTGRESQL)) {
            return openPostgresql(config.getValue("quarkus.datasource.postgresql.jdbc.url", String.class),
                    config.getOptionalValue("quarkus.datasource.postgresql.username", String.class).orElse(null),
                    config.getOptionalValue("quarkus.datasource.postgresql.password", String.class).orElse(null));
        }
        return openEmbedded(Path.of(config.getOptionalValue(AuditStoreSelection.DATA_DIR, String.class).orElse("data")));
    }

    /** The embedded store under a data dir, read-only. */
    public static AuditReader openEmbedded(Path dataDir) {
        try {
            return new EmbeddedAuditReader(embeddedDir(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedded audit store under " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public static AuditReader openPostgresql(String jdbcUrl, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        dataSource.setReadOnly(true);
        return new PostgresqlAuditStore(dataSource);
    }

    /** Where the embedded store lives under the data dir. */
    public static Path embeddedDir(Path dataDir) {
        return dataDir.resolve("audit");
    }
}
