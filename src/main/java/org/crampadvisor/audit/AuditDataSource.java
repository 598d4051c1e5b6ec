package org.crampadvisor.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.config.AuditStoreSelection;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The datasource of the audit store chosen at start ({@code advisor.audit.store}). */
@ApplicationScoped
public class AuditDataSource {

    private final AgroalDataSource dataSource;
    private final String store;

    AuditDataSource(@ConfigProperty(name = AuditStoreSelection.STORE) String store,
                    @DataSource("h2") InjectableInstance<AgroalDataSource> h2,
                    @DataSource("postgresql") InjectableInstance<AgroalDataSource> postgresql) {
        this.store = store.strip().toLowerCase(java.util.Locale.ROOT);
        this.dataSource = switch (this.store) {
            case "h2" -> h2.get();
            case "postgresql" -> postgresql.get();
            default -> throw new IllegalStateException("advisor.audit.store is '" + store + "'; use one of "
                    + AuditStoreSelection.STORES);
        };
    }

    public AgroalDataSource get() {
        return dataSource;
    }

    public String store() {
        return store;
    }
}
