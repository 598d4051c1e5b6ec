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
 * Keeps the demo accounts off the network: with them enabled, the service starts only when it listens
 * on a loopback address, and says so in the log.
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
            throw new IllegalStateException("Refusing to start: the demo accounts are enabled and the service would "
                    + "listen on '" + host + "', which is not a loopback address. Set advisor.security.demo-users=false "
                    + "(env ADVISOR_SECURITY_DEMO_USERS=false) and configure real users, or listen on 127.0.0.1.");
        }
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
