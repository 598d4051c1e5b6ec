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
 * Lets one setting, {@code advisor.audit.store} ({@code h2} or {@code postgresql}), choose the audit
 * store at start: it activates that store's datasource and deactivates the other. Both datasources are
 * built into the application, so switching needs no rebuild. An explicit
 * {@code quarkus.datasource.<name>.active} still wins: this source has a low ordinal.
 */
public class AuditStoreSelection implements ConfigSourceFactory {

    public static final String STORE = "advisor.audit.store";
    public static final List<String> STORES = List.of("h2", "postgresql");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue chosen = context.getValue(STORE);
        String store = chosen == null || chosen.getValue() == null ? "h2"
                : chosen.getValue().strip().toLowerCase(Locale.ROOT);
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.h2.active", Boolean.toString(store.equals("h2")),
                "quarkus.datasource.postgresql.active", Boolean.toString(store.equals("postgresql"))),
                "advisor-audit-store-selection", 150));
    }
}
