package org.crampadvisor.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lets one setting, {@code advisor.audit.store} ({@code h2} or {@code postgresql}), choose the audit
 * store at start: it activates that store's datasource and deactivates the other, and places the H2
 * database in {@code advisor.data-dir}. Both datasources are
 * built into the application, so switching needs no rebuild. An explicit
 * {@code quarkus.datasource.<name>.active} still wins: this source has a low ordinal.
 */
public class AuditStoreSelection implements ConfigSourceFactory {

    public static final String STORE = "advisor.audit.store";
    public static final String DATA_DIR = "advisor.data-dir";
    /**
     * PostgreSQL compatibility so that one set of migrations serves both stores; WRITE_DELAY=0 so that
     * a commit is in the file before the request is answered (the crash test fails without it);
     * COMPRESS=TRUE because traces repeat their facts and shrink several times over (PostgreSQL
     * compresses large values by itself).
     */
    static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;COMPRESS=TRUE";
    public static final List<String> STORES = List.of("h2", "postgresql");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue chosen = context.getValue(STORE);
        String store = chosen == null || chosen.getValue() == null ? "h2"
                : chosen.getValue().strip().toLowerCase(Locale.ROOT);
        ConfigValue dataDir = context.getValue(DATA_DIR);
        Path database = Path.of(dataDir == null || dataDir.getValue() == null ? "data" : dataDir.getValue())
                .toAbsolutePath().normalize().resolve("audit");
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.h2.active", Boolean.toString(store.equals("h2")),
                "quarkus.datasource.h2.jdbc.url", "jdbc:h2:file:" + database + H2_OPTIONS,
                "quarkus.datasource.postgresql.active", Boolean.toString(store.equals("postgresql"))),
                "advisor-audit-store-selection", 150));
    }
}
