package org.crampadvisor.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopbackGuardTest {

    @Test
    void shouldAllowDemoAccountsOnLoopbackAddresses() {
        assertThat(LoopbackGuard.isLoopback("127.0.0.1")).isTrue();
        assertThat(LoopbackGuard.isLoopback("localhost")).isTrue();
        assertThat(LoopbackGuard.isLoopback("::1")).isTrue();
        assertThatCode(() -> LoopbackGuard.check("127.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseToStartWithDemoAccountsOnEveryInterface() {
        assertThatThrownBy(() -> LoopbackGuard.check("0.0.0.0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo accounts")
                .hasMessageContaining("advisor.security.demo-users=false");
        assertThat(LoopbackGuard.isLoopback("")).isFalse();
        assertThat(LoopbackGuard.isLoopback("no-such-host.invalid")).isFalse();
    }

    @Test
    void shouldRefuseTheBenchmarkBaselineOffLoopback() {
        assertThatCode(() -> LoopbackGuard.checkBenchmarkBaseline("127.0.0.1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> LoopbackGuard.checkBenchmarkBaseline("0.0.0.0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("advisor.benchmark.no-op-baseline is for benchmarks only");
    }
}
