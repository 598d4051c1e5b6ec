package org.crampadvisor.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.crampadvisor.config.AdvisorConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Keeps the demo accounts and the benchmark baseline off the network: with either enabled, the service
 * starts only when it listens on a loopback address, and says so in the log. {@link DeploymentSafety}
 * refuses an unsafe configuration before anything is created; this check at start stays as a second
 * line.
 */
@ApplicationScoped
public class LoopbackGuard {

    private static final Logger LOG = Logger.getLogger(LoopbackGuard.class);

    private final AdvisorConfig config;
    private final String host;

    LoopbackGuard(AdvisorConfig config, @ConfigProperty(name = "quarkus.http.host") String host) {
        this.config = config;
        this.host = host;
    }

    void checkAtStart(@Observes StartupEvent event) {
        if (config.benchmark().noOpBaseline()) {
            checkBenchmarkBaseline(host);
            LOG.warnf("Benchmark baseline POST /api/v1/benchmark/no-op is enabled (advisor.benchmark.no-op-baseline); "
                    + "never set it outside a benchmark.");
        }
        if (!config.security().demoUsers()) {
            return;
        }
        check(host);
        LOG.warnf("Demo accounts requester, auditor and rule-admin are enabled (password = user name). They are "
                + "allowed only because the service listens on loopback (%s). Set advisor.security.demo-users=false "
                + "and configure real users before exposing the service.", host);
    }

    /** Throws when demo accounts would be reachable from another machine. */
    static void check(String host) {
        if (!isLoopback(host)) {
            throw new IllegalStateException(demoAccountsRefusal(host));
        }
    }

    /** Throws when the benchmark baseline would be reachable from another machine. */
    static void checkBenchmarkBaseline(String host) {
        if (!isLoopback(host)) {
            throw new IllegalStateException(benchmarkBaselineRefusal(host));
        }
    }

    static String demoAccountsRefusal(String host) {
        return "Refusing to start: the demo accounts are enabled and the service would listen on '" + host
                + "', which is not a loopback address. Set advisor.security.demo-users=false "
                + "(env ADVISOR_SECURITY_DEMO_USERS=false) and configure real users, or listen on 127.0.0.1.";
    }

    static String benchmarkBaselineRefusal(String host) {
        return "Refusing to start: advisor.benchmark.no-op-baseline is for benchmarks only, and the service would "
                + "listen on '" + host + "', which is not a loopback address.";
    }

    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
