package org.crampadvisor.cdshooks.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Verifies the bearer token of a CDS Hooks call exactly as SPEC section 8 asks: {@code alg} ES384 or
 * RS384 (never {@code none}, never HMAC), {@code iss} a trusted issuer, the key found by {@code kid} in
 * that issuer's JWKS, the signature valid, {@code aud} the URL called, {@code exp} in the future and at
 * most five minutes ahead, and {@code jti} never seen before by this instance. The cryptography is
 * Nimbus JOSE + JWT's; this class only decides which checks apply.
 */
public final class CdsHooksTokenVerifier {

    /** How far ahead {@code exp} may be (SPEC section 8). */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);
    private static final String BEARER = "Bearer ";

    private final TrustedIssuers issuers;
    private final ReplayCache replayCache;
    private final Clock clock;

    public CdsHooksTokenVerifier(TrustedIssuers issuers, ReplayCache replayCache, Clock clock) {
        this.issuers = issuers;
        this.replayCache = replayCache;
        this.clock = clock;
    }

    /** What a verified token says: who called, for the audit record's principal. */
    public record VerifiedToken(String issuer, String subject, String jti, Instant expiresAt, String tenant) {
    }

    /**
     * @param authorization the {@code Authorization} header as received, or null
     * @param calledUrl     the URL called (behind a proxy, {@code advisor.cds-hooks.public-url} + the path)
     */
    public VerifiedToken verify(String authorization, String calledUrl) throws TokenRejectedException {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new TokenRejectedException("no bearer token in the Authorization header");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(authorization.substring(BEARER.length()).strip());
        } catch (ParseException e) {
            throw new TokenRejectedException("the bearer token is not a JWT: " + e.getMessage());
        }
        if (jwt instanceof PlainJWT) {
            throw new TokenRejectedException("alg none: unsigned tokens are never accepted");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new TokenRejectedException("the token is encrypted, not signed (JWE); a signed JWT (JWS) is required");
        }
        JWSHeader header = signed.getHeader();
        if (!ALLOWED.contains(header.getAlgorithm())) {
            throw new TokenRejectedException("alg " + header.getAlgorithm() + " is not allowed; use ES384 or RS384");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejectedException("the token's claims are not JSON: " + e.getMessage());
        }
        // iss picks the keys to verify with; nothing else in the claims is believed before the signature is.
        String iss = claims.getIssuer();
        JWKSource<SecurityContext> keys = issuers.keys(iss)
                .orElseThrow(() -> new TokenRejectedException("iss " + iss + " is not a trusted issuer"));
        String kid = header.getKeyID();
        if (kid == null) {
            throw new TokenRejectedException("the token has no kid; issuer " + iss + " must name its signing key");
        }
        JWK key = key(keys, iss, kid, header.getAlgorithm());
        try {
            if (!signed.verify(verifier(key))) {
                throw new TokenRejectedException("the signature does not match key " + kid + " of issuer " + iss);
            }
        } catch (JOSEException e) {
            throw new TokenRejectedException("the signature cannot be checked with key " + kid + ": " + e.getMessage());
        }
        Instant now = clock.instant();
        List<String> audience = claims.getAudience();
        if (audience.stream().noneMatch(aud -> sameUrl(aud, calledUrl))) {
            throw new TokenRejectedException("aud " + audience + " is not the URL called, " + calledUrl);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new TokenRejectedException("the token has no exp");
        }
        Instant expiresAt = exp.toInstant();
        if (!expiresAt.isAfter(now)) {
            throw new TokenRejectedException("the token expired at " + expiresAt);
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            throw new TokenRejectedException("exp " + expiresAt + " is more than 5 minutes ahead");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw new TokenRejectedException("the token has no jti");
        }
        switch (replayCache.record(iss, jti, expiresAt, now)) {
            case REPLAYED -> throw new TokenRejectedException("jti " + jti + " of issuer " + iss + " was used before (replay)");
            case NO_ROOM -> throw new TokenRejectedException("the replay cache is full of unexpired tokens; refusing rather than forgetting one");
            case FIRST -> { }
        }
        Object tenant = claims.getClaim("tenant");
        return new VerifiedToken(iss, claims.getSubject(), jti, expiresAt, tenant == null ? null : tenant.toString());
    }

    private static JWK key(JWKSource<SecurityContext> keys, String iss, String kid, JWSAlgorithm alg)
            throws TokenRejectedException {
        KeyType type = JWSAlgorithm.Family.EC.contains(alg) ? KeyType.EC : KeyType.RSA;
        JWKMatcher matcher = new JWKMatcher.Builder().keyID(kid).keyType(type).keyUses(KeyUse.SIGNATURE, null).build();
        List<JWK> found;
        try {
            found = keys.get(new JWKSelector(matcher), null);
        } catch (KeySourceException e) {
            throw new TokenRejectedException("the keys of issuer " + iss + " cannot be fetched: " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new TokenRejectedException("kid " + kid + " is not a " + type + " signing key of issuer " + iss);
        }
        return found.get(0);
    }

    private static JWSVerifier verifier(JWK key) throws JOSEException {
        return key instanceof ECKey ec ? new ECDSAVerifier(ec.toECPublicKey()) : new RSASSAVerifier((RSAKey) key);
    }

    /** Whether two URLs are the same, but for a trailing slash. */
    private static boolean sameUrl(String a, String b) {
        return a != null && b != null && strip(a).equals(strip(b));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
