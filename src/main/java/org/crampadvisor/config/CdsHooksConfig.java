package org.crampadvisor.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The CDS Hooks service (SPEC section 8), under {@code advisor.cds-hooks.}; each can be set by environment variable too. */
@ConfigMapping(prefix = "advisor.cds-hooks")
public interface CdsHooksConfig {

    /**
     * The EHRs whose tokens are accepted (env {@code ADVISOR_CDS_HOOKS_TRUST_FILE}):
     * {@code {"issuers": [{"iss": "...", "jwks": {"keys": [...]}}]}}, or {@code "jwksUrl"} instead of
     * {@code "jwks"}. Read at start; a mistake in it stops the start. Without it every CDS Hooks call is
     * refused with 401.
     */
    @WithName("trust-file")
    Optional<Path> trustFile();

    /**
     * The base URL EHRs call the service by, when a proxy stands in front of it (e.g.
     * {@code https://cds.example.org}): a token's {@code aud} must be this plus the path called, and cards
     * link to evaluations under it. Default: the URL as received.
     */
    @WithName("public-url")
    Optional<String> publicUrl();

    /** The largest body {@code /cds-services} accepts (prefetched FHIR data); the rest of the API keeps 64 KiB. */
    @WithName("max-body-size")
    @WithDefault("5M")
    MemorySize maxBodySize();

    /**
     * The browser origins allowed to call {@code /cds-services} (CORS), e.g.
     * {@code https://sandbox.cds-hooks.org}. None by default: no browser-based EHR may call.
     */
    @WithName("cors-origins")
    Optional<List<String>> corsOrigins();

    /**
     * How long the service waits for the EHR's FHIR server when it fetches a prefetch key the EHR did not
     * send (all keys in parallel, every page included). Short enough that the whole call stays under
     * 500 ms when the FHIR server answers in time; after it the call is answered 412.
     */
    @WithName("fhir-timeout")
    @WithDefault("PT0.35S")
    Duration fhirTimeout();

    /**
     * How many token ids ({@code jti}) the replay cache holds. Tokens live at most five minutes, so
     * 100,000 is about 330 calls a second; when it is full of unexpired ids, calls are refused (401)
     * rather than an id forgotten.
     */
    @WithName("replay-cache-size")
    @WithDefault("100000")
    int replayCacheSize();
}
