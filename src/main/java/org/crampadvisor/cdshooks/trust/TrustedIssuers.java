package org.crampadvisor.cdshooks.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The EHRs (CDS Clients) whose tokens the service accepts, read from the trust file of SPEC section 8:
 * {@code {"issuers": [{"iss": "...", "jwks": {"keys": [...]}}]}}, or {@code "jwksUrl"} instead of
 * {@code "jwks"} for an issuer that publishes its keys (fetched, cached and refreshed by Nimbus).
 */
public final class TrustedIssuers {

    private final Map<String, JWKSource<SecurityContext>> keysByIssuer;

    private TrustedIssuers(Map<String, JWKSource<SecurityContext>> keysByIssuer) {
        this.keysByIssuer = Map.copyOf(keysByIssuer);
    }

    /** The keys of a trusted issuer; empty when {@code iss} is not trusted. */
    public Optional<JWKSource<SecurityContext>> keys(String iss) {
        return iss == null ? Optional.empty() : Optional.ofNullable(keysByIssuer.get(iss));
    }

    public java.util.Set<String> issuers() {
        return keysByIssuer.keySet();
    }

    public static TrustedIssuers load(Path trustFile) {
        try {
            return parse(Files.readString(trustFile));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CDS Hooks trust file " + trustFile + ": " + e.getMessage(), e);
        }
    }

    /** Reads the trust file's JSON; a mistake in it is an error naming the issuer and the field. */
    public static TrustedIssuers parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the CDS Hooks trust file is not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        JsonNode issuers = root == null ? null : root.get("issuers");
        if (issuers == null || !issuers.isArray()) {
            throw new IllegalArgumentException("the CDS Hooks trust file needs an \"issuers\" array");
        }
        Map<String, JWKSource<SecurityContext>> keys = new LinkedHashMap<>();
        for (int i = 0; i < issuers.size(); i++) {
            JsonNode issuer = issuers.get(i);
            String where = "issuers[" + i + "]";
            String iss = issuer.path("iss").asText("");
            if (iss.isBlank()) {
                throw new IllegalArgumentException(where + " has no \"iss\"");
            }
            if (keys.containsKey(iss)) {
                throw new IllegalArgumentException(where + ": issuer " + iss + " is listed twice");
            }
            boolean inline = issuer.has("jwks");
            boolean remote = issuer.has("jwksUrl");
            if (inline == remote) {
                throw new IllegalArgumentException(where + " (" + iss + ") needs exactly one of \"jwks\" and \"jwksUrl\"");
            }
            keys.put(iss, inline ? inlineKeys(where, iss, issuer.get("jwks")) : remoteKeys(where, iss, issuer.get("jwksUrl")));
        }
        return new TrustedIssuers(keys);
    }

    private static JWKSource<SecurityContext> inlineKeys(String where, String iss, JsonNode jwks) {
        try {
            JWKSet set = JWKSet.parse(jwks.toString());
            if (set.getKeys().stream().anyMatch(k -> k.isPrivate())) {
                throw new IllegalArgumentException(where + " (" + iss + "): the JWKS holds a private key; trust "
                        + "files hold public keys only");
            }
            return new ImmutableJWKSet<>(set);
        } catch (ParseException e) {
            throw new IllegalArgumentException(where + " (" + iss + "): \"jwks\" is not a JWK Set: " + e.getMessage(), e);
        }
    }

    private static JWKSource<SecurityContext> remoteKeys(String where, String iss, JsonNode url) {
        try {
            return JWKSourceBuilder.create(URI.create(url.asText()).toURL()).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " (" + iss + "): \"jwksUrl\" is not a URL: " + url.asText(), e);
        }
    }
}
