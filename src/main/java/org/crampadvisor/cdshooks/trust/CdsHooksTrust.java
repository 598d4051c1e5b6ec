package org.crampadvisor.cdshooks.trust;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.config.CdsHooksConfig;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * The service's trust in EHRs (SPEC section 8): the issuers of the trust file, read once at start (a
 * mistake in the file stops the start, naming the issuer and the field), and one replay cache for the
 * instance.
 */
@Startup
@ApplicationScoped
public class CdsHooksTrust {

    private static final Logger LOG = Logger.getLogger(CdsHooksTrust.class);

    private final CdsHooksTokenVerifier verifier;

    CdsHooksTrust(CdsHooksConfig config) {
        TrustedIssuers issuers;
        if (config.trustFile().isPresent()) {
            issuers = TrustedIssuers.load(config.trustFile().get());
            LOG.infof("CDS Hooks: %d trusted issuer(s) from %s", issuers.issuers().size(), config.trustFile().get());
        } else {
            issuers = TrustedIssuers.parse("{\"issuers\":[]}");
            LOG.info("CDS Hooks: no trust file (advisor.cds-hooks.trust-file), so every call to /cds-services is refused");
        }
        this.verifier = new CdsHooksTokenVerifier(issuers, new ReplayCache(config.replayCacheSize()), Clock.systemUTC());
    }

    public CdsHooksTokenVerifier verifier() {
        return verifier;
    }
}
