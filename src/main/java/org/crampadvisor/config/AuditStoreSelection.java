package org.crampadvisor.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lets one setting, {@code advisor.audit.store} ({@code embedded} or {@code postgresql}), choose the
 * audit store at start: it activates the PostgreSQL datasource (and so its Flyway migrations) only when
 * PostgreSQL is chosen. Both stores are built into the application, so switching needs no rebuild. An
 * explicit {@code quarkus.datasource.postgresql.active} still wins: this source has a low ordinal.
 */
public class AuditStoreSelection implements ConfigSourceFactory {

    public static final String STORE = "advisor.audit.store";
    public static final String DATA_DIR = "advisor.data-dir";
    public static final String EMBEDDED = "embedded";
    public static final String POSTGRESQL = "postgresql";
    public static final List<String> STORES = List.of(EMBEDDED, POSTGRESQL);

    /** The store's canonical name; {@code h2}, the embedded store's name before it was a segment log, still works. */
    public static String normalised(String store) {
        String name = store == null ? EMBEDDED : store.strip().toLowerCase(Locale.ROOT);
        return name.equals("h2") ? EMBEDDED : name;
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue chosen = context.getValue(STORE);
        String store = normalised(chosen == null ? null : chosen.getValue());
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.postgresql.active", Boolean.toString(store.equals(POSTGRESQL))),
                "advisor-audit-store-selection", 150));
    }
}
