package org.crampadvisor.cdshooks.trust;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC section 8's token checks, each refusal with its reason; the spec's own example token first. */
class CdsHooksTokenVerifierTest {

    private static final String SPEC_ISSUER = "https://fhir-ehr.example.com/";
    private static final String SPEC_AUD = "https://cds.example.org/cds-services/some-service";
    /** The spec example's exp, 1422568860. */
    private static final Instant SPEC_EXP = Instant.ofEpochSecond(1422568860);
    private static final String EHR = "https://ehr.example.org/";
    private static final String CALLED = "https://advisor.example.org/cds-services/leg-cramp-causes";
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static ECKey ecKey;
    private static RSAKey rsaKey;

    @BeforeAll
    static void generateKeys() throws Exception {
        ecKey = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
        rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = CdsHooksTokenVerifierTest.class.getResourceAsStream("/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static TrustedIssuers specIssuer() throws IOException {
        return TrustedIssuers.parse("{\"issuers\":[{\"iss\":\"" + SPEC_ISSUER + "\",\"jwks\":"
                + fixture("cds-hooks/jwks-example.json") + "}]}");
    }

    private static TrustedIssuers ehr() {
        return TrustedIssuers.parse("{\"issuers\":[{\"iss\":\"" + EHR + "\",\"jwks\":{\"keys\":["
                + ecKey.toPublicJWK().toJSONString() + "," + rsaKey.toPublicJWK().toJSONString() + "]}}]}");
    }

    private static CdsHooksTokenVerifier verifier(TrustedIssuers issuers, Instant now) {
        return new CdsHooksTokenVerifier(issuers, new ReplayCache(1000), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(EHR).audience(CALLED).expirationTime(Date.from(NOW.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String signed(JWSAlgorithm alg, JWK key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
        jwt.sign(key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key));
        return "Bearer " + jwt.serialize();
    }

    private static String reason(CdsHooksTokenVerifier verifier, String authorization, String url) {
        return assertThatThrownBy(() -> verifier.verify(authorization, url)).isInstanceOf(TokenRejectedException.class)
                .actual().getMessage();
    }

    @Test
    void shouldVerifyTheSpecExampleTokenAgainstItsJwksWhileItWasValid() throws Exception {
        // Four minutes before its exp, the spec's example token is valid: its signature matches its JWKS.
        CdsHooksTokenVerifier verifier = verifier(specIssuer(), SPEC_EXP.minus(Duration.ofMinutes(4)));

        var verified = verifier.verify("Bearer " + fixture("cds-hooks/jwt-example.txt"), SPEC_AUD);

        assertThat(verified.issuer()).isEqualTo(SPEC_ISSUER);
        assertThat(verified.jti()).isEqualTo("ee22b021-e1b7-4611-ba5b-8eec6a33ac1e");
        assertThat(verified.tenant()).isEqualTo("2ddd6c3a-8e9a-44c6-a305-52111ad302a2");
    }

    @Test
    void shouldRefuseTheSpecExampleTokenTodayAsExpired() throws Exception {
        assertThat(reason(verifier(specIssuer(), NOW), "Bearer " + fixture("cds-hooks/jwt-example.txt"), SPEC_AUD))
                .isEqualTo("the token expired at 2015-01-29T22:01:00Z");
    }

    @Test
    void shouldRefuseTheSpecExampleTokenWhenItsSignatureWasTamperedWith() throws Exception {
        String token = fixture("cds-hooks/jwt-example.txt");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(reason(verifier(specIssuer(), SPEC_EXP.minusSeconds(60)), "Bearer " + tampered, SPEC_AUD))
                .startsWith("the signature does not match key example-kid");
    }

    @Test
    void shouldAcceptValidEs384AndRs384Tokens() throws Exception {
        CdsHooksTokenVerifier verifier = verifier(ehr(), NOW);
        assertThat(verifier.verify(signed(JWSAlgorithm.ES384, ecKey, claims().build()), CALLED).issuer()).isEqualTo(EHR);
        assertThat(verifier.verify(signed(JWSAlgorithm.RS384, rsaKey, claims().build()), CALLED + "/").issuer())
                .isEqualTo(EHR);
    }

    @Test
    void shouldRefuseAWrongAudience() throws Exception {
        assertThat(reason(verifier(ehr(), NOW), signed(JWSAlgorithm.ES384, ecKey, claims().build()),
                "https://advisor.example.org/cds-services/diuretic-order-check"))
                .startsWith("aud [" + CALLED + "] is not the URL called");
    }

    @Test
    void shouldRefuseAnUnknownIssuer() throws Exception {
        assertThat(reason(verifier(ehr(), NOW), signed(JWSAlgorithm.ES384, ecKey,
                claims().issuer("https://elsewhere.example.org/").build()), CALLED))
                .isEqualTo("iss https://elsewhere.example.org/ is not a trusted issuer");
    }

    @Test
    void shouldRefuseAnUnknownKid() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_384).keyID("not-in-jwks").generate();
        assertThat(reason(verifier(ehr(), NOW), signed(JWSAlgorithm.ES384, stranger, claims().build()), CALLED))
                .isEqualTo("kid not-in-jwks is not a EC signing key of issuer " + EHR);
    }

    @Test
    void shouldRefuseAlgNone() {
        String unsigned = new PlainJWT(claims().build()).serialize();
        assertThat(reason(verifier(ehr(), NOW), "Bearer " + unsigned, CALLED))
                .isEqualTo("alg none: unsigned tokens are never accepted");
    }

    @Test
    void shouldRefuseHs256() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("ec-1").build(), claims().build());
        jwt.sign(new MACSigner(new byte[32]));
        assertThat(reason(verifier(ehr(), NOW), "Bearer " + jwt.serialize(), CALLED))
                .isEqualTo("alg HS256 is not allowed; use ES384 or RS384");
    }

    @Test
    void shouldRefuseEs256EvenFromATrustedKey() throws Exception {
        ECKey p256 = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        assertThat(reason(verifier(ehr(), NOW), signed(JWSAlgorithm.ES256, p256, claims().build()), CALLED))
                .isEqualTo("alg ES256 is not allowed; use ES384 or RS384");
    }

    @Test
    void shouldRefuseExpiredAndTooLongLivedTokens() throws Exception {
        CdsHooksTokenVerifier verifier = verifier(ehr(), NOW);
        assertThat(reason(verifier, signed(JWSAlgorithm.ES384, ecKey,
                claims().expirationTime(Date.from(NOW)).build()), CALLED)).startsWith("the token expired at");
        assertThat(reason(verifier, signed(JWSAlgorithm.ES384, ecKey,
                claims().expirationTime(Date.from(NOW.plus(Duration.ofMinutes(6)))).build()), CALLED))
                .endsWith("is more than 5 minutes ahead");
        assertThat(reason(verifier, signed(JWSAlgorithm.ES384, ecKey,
                claims().expirationTime(null).build()), CALLED)).isEqualTo("the token has no exp");
    }

    @Test
    void shouldRefuseAReplayedJti() throws Exception {
        CdsHooksTokenVerifier verifier = verifier(ehr(), NOW);
        String token = signed(JWSAlgorithm.ES384, ecKey, claims().jwtID("once").build());
        verifier.verify(token, CALLED);

        assertThat(reason(verifier, token, CALLED)).isEqualTo("jti once of issuer " + EHR + " was used before (replay)");
        assertThat(reason(verifier, signed(JWSAlgorithm.ES384, ecKey, claims().jwtID(null).build()), CALLED))
                .isEqualTo("the token has no jti");
    }

    @Test
    void shouldRefuseAMissingOrMalformedBearerToken() {
        CdsHooksTokenVerifier verifier = verifier(ehr(), NOW);
        assertThat(reason(verifier, null, CALLED)).isEqualTo("no bearer token in the Authorization header");
        assertThat(reason(verifier, "Basic cmVxdWVzdGVyOnJlcXVlc3Rlcg==", CALLED))
                .isEqualTo("no bearer token in the Authorization header");
        assertThat(reason(verifier, "Bearer not.a.jwt", CALLED)).startsWith("the bearer token is not a JWT");
    }

    @Test
    void shouldKeepTheReplayCacheBoundedAndFailClosedWhenFull() {
        ReplayCache cache = new ReplayCache(2);
        assertThat(cache.record(EHR, "a", NOW.plusSeconds(60), NOW)).isEqualTo(ReplayCache.Use.FIRST);
        assertThat(cache.record(EHR, "b", NOW.plusSeconds(60), NOW)).isEqualTo(ReplayCache.Use.FIRST);
        assertThat(cache.record(EHR, "c", NOW.plusSeconds(60), NOW)).isEqualTo(ReplayCache.Use.NO_ROOM);
        // Once "a" and "b" have expired, their room is reused.
        assertThat(cache.record(EHR, "c", NOW.plusSeconds(200), NOW.plusSeconds(61))).isEqualTo(ReplayCache.Use.FIRST);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void shouldRefuseTrustFilesWithMistakes() {
        assertThatThrownBy(() -> TrustedIssuers.parse("{}")).hasMessage("the CDS Hooks trust file needs an \"issuers\" array");
        assertThatThrownBy(() -> TrustedIssuers.parse("{\"issuers\":[{\"jwks\":{\"keys\":[]}}]}"))
                .hasMessage("issuers[0] has no \"iss\"");
        assertThatThrownBy(() -> TrustedIssuers.parse("{\"issuers\":[{\"iss\":\"x\"}]}"))
                .hasMessage("issuers[0] (x) needs exactly one of \"jwks\" and \"jwksUrl\"");
        assertThatThrownBy(() -> TrustedIssuers.parse("{\"issuers\":[{\"iss\":\"x\",\"jwks\":{\"keys\":["
                + ecKey.toJSONString() + "]}}]}")).hasMessageContaining("holds a private key");
        assertThat(TrustedIssuers.parse("{\"issuers\":[{\"iss\":\"x\",\"jwksUrl\":\"https://ehr.example.org/jwks\"}]}")
                .issuers()).containsExactly("x");
    }

    @Test
    void shouldVerifyATokenMintedByTheLocalScript(@TempDir Path folder) throws Exception {
        String token = MintTokenCommand.mint(folder, EHR, CALLED, NOW);
        TrustedIssuers issuers = TrustedIssuers.load(folder.resolve(MintTokenCommand.TRUST_FILE));

        assertThat(verifier(issuers, NOW).verify("Bearer " + token, CALLED).issuer()).isEqualTo(EHR);
        assertThat(Files.readString(folder.resolve(MintTokenCommand.TRUST_FILE))).doesNotContain("\"d\"");
    }
}
