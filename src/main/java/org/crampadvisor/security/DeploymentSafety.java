package org.crampadvisor.security;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;

/**
 * Refuses a configuration that would expose the demo accounts (or the benchmark baseline) on a
 * non-loopback address while the configuration is read: before the audit database is opened or
 * created and before the pseudonym key is generated, so a refused start leaves nothing behind.
 * Quarkus prints a {@link ConfigurationException} as its message alone: one line, no stack trace.
 * It adds no configuration of its own.
 */
public class DeploymentSafety implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String host = value(context, "quarkus.http.host", "0.0.0.0");
        if (Boolean.parseBoolean(value(context, "advisor.security.demo-users", "true")) && !LoopbackGuard.isLoopback(host)) {
            throw new ConfigurationException(LoopbackGuard.demoAccountsRefusal(host));
        }
        if (Boolean.parseBoolean(value(context, "advisor.benchmark.no-op-baseline", "false"))
                && !LoopbackGuard.isLoopback(host)) {
            throw new ConfigurationException(LoopbackGuard.benchmarkBaselineRefusal(host));
        }
        return List.of();
    }

    private static String value(ConfigSourceContext context, String name, String otherwise) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? otherwise : value.getValue().strip();
    }
}
