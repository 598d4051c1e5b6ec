package org.crampadvisor.cdshooks;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.RestAssured;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Tokens as EHRs sign them, for the test service's trust file (src/test/resources/cds-hooks/trust-test.json):
 * the CDS Hooks specification's example EC key (its private key is published with the spec) and a test RSA
 * key generated for these tests.
 */
public final class CdsHooksTokens {

    /** The issuer of the specification's example, trusted with its JWKS. */
    public static final String SPEC_ISSUER = "https://fhir-ehr.example.com/";
    public static final String RSA_ISSUER = "https://rsa-ehr.example.org/";
    public static final ECKey SPEC_KEY = (ECKey) jwk("cds-hooks/jwk-private-example.json");
    public static final RSAKey RSA_KEY = (RSAKey) jwk("cds-hooks/test-rsa-private-jwk.json");

    private CdsHooksTokens() {
    }

    /** The URL a test calls, as the service sees it (RestAssured's host and port). */
    public static String url(String path) {
        return RestAssured.baseURI + ":" + RestAssured.port + path;
    }

    /** A valid token for one call to {@code path}: ES384, the spec's key, a fresh jti, exp in two minutes. */
    public static String bearer(String path) {
        return "Bearer " + es384(claims(url(path)).build());
    }

    public static JWTClaimsSet.Builder claims(String aud) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(SPEC_ISSUER).audience(aud).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(2)))).jwtID(UUID.randomUUID().toString());
    }

    public static String es384(JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT).keyID(SPEC_KEY.getKeyID()).build(),
                claims, SPEC_KEY);
    }

    public static String es384(JWTClaimsSet claims, ECKey key) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
                claims, key);
    }

    public static String rs384(JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS384).type(JOSEObjectType.JWT).keyID(RSA_KEY.getKeyID()).build(),
                claims, RSA_KEY);
    }

    public static String hs256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(SPEC_KEY.getKeyID()).build(),
                    claims);
            jwt.sign(new MACSigner(new byte[32]));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String none(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWK key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fixture(String path) {
        try (InputStream in = CdsHooksTokens.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JWK jwk(String path) {
        try {
            return JWK.parse(fixture(path));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
