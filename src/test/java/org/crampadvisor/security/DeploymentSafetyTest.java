package org.crampadvisor.security;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An unsafe deployment is refused while the configuration is read, which comes before the audit
 * database or the pseudonym key exist (.ci/run starts the packaged service that way and checks that
 * nothing was created and one line was printed).
 */
class DeploymentSafetyTest {

    private static void readConfiguration(Map<String, String> properties) {
        new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500))
                .withSources(new DeploymentSafety()).build();
    }

    @Test
    void shouldRefuseDemoAccountsOffLoopbackWhileReadingTheConfiguration() {
        assertThatThrownBy(() -> readConfiguration(Map.of("quarkus.http.host", "0.0.0.0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Refusing to start: the demo accounts are enabled")
                .hasMessageContaining("advisor.security.demo-users=false")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldAcceptLoopbackOrRealUsersOnly() {
        assertThatCode(() -> readConfiguration(Map.of("quarkus.http.host", "127.0.0.1"))).doesNotThrowAnyException();
        assertThatCode(() -> readConfiguration(Map.of("quarkus.http.host", "0.0.0.0", "advisor.security.demo-users", "false")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> readConfiguration(Map.of("quarkus.http.host", "0.0.0.0", "advisor.security.demo-users",
                "false", "advisor.benchmark.no-op-baseline", "true")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no-op-baseline");
    }

    @Test
    void shouldBeRegisteredToRunWhileTheConfigurationIsRead() throws IOException {
        try (InputStream services = getClass().getResourceAsStream("/META-INF/services/io.smallrye.config.ConfigSourceFactory")) {
            assertThat(new String(services.readAllBytes(), StandardCharsets.UTF_8)).contains(DeploymentSafety.class.getName());
        }
    }
}
