package org.crampadvisor.cdshooks;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static io.restassured.RestAssured.given;
import static org.crampadvisor.cdshooks.CdsHooksTokens.claims;
import static org.crampadvisor.cdshooks.CdsHooksTokens.es384;
import static org.crampadvisor.cdshooks.CdsHooksTokens.fixture;
import static org.crampadvisor.cdshooks.CdsHooksTokens.url;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** SPEC section 8: every call, discovery included, carries a JWT the service trusts; anything else is 401. */
@QuarkusTest
class CdsHooksAuthTest {

    private static final String DISCOVERY = "/cds-services";

    private static void refused(String authorization) {
        var request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.when().get(DISCOVERY).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("status", is(401));
    }

    @Test
    void shouldRefuseDiscoveryWithoutAToken() {
        refused(null);
    }

    @Test
    void shouldListBothServicesForAValidEs384Token() {
        given().header("Authorization", CdsHooksTokens.bearer(DISCOVERY)).when().get(DISCOVERY).then().statusCode(200)
                .body("services.id", containsInAnyOrder("leg-cramp-causes", "diuretic-order-check"))
                .body("services.find { it.id == 'leg-cramp-causes' }.hook", is("patient-view"))
                .body("services.find { it.id == 'diuretic-order-check' }.hook", is("order-sign"))
                .body("services[0].prefetch.keySet()", hasItems("patient", "labs", "medications", "conditions"))
                .body("services[0].prefetch.patient", is("Patient/{{context.patientId}}"));
    }

    @Test
    void shouldAcceptAValidRs384Token() {
        given().header("Authorization", "Bearer " + CdsHooksTokens.rs384(claims(url(DISCOVERY))
                        .issuer(CdsHooksTokens.RSA_ISSUER).build()))
                .when().get(DISCOVERY).then().statusCode(200);
    }

    @Test
    void shouldRefuseATokenForAnotherUrl() {
        refused("Bearer " + es384(claims(url("/cds-services/leg-cramp-causes")).build()));
        refused("Bearer " + es384(claims("https://elsewhere.example.org/cds-services").build()));
    }

    @Test
    void shouldRefuseAnUnknownIssuerOrKey() throws Exception {
        refused("Bearer " + es384(claims(url(DISCOVERY)).issuer("https://unknown-ehr.example.org/").build()));
        ECKey stranger = new ECKeyGenerator(Curve.P_384).keyID("example-kid-2").generate();
        refused("Bearer " + es384(claims(url(DISCOVERY)).build(), stranger));
        // The right kid with another key: the signature does not verify.
        ECKey impostor = new ECKeyGenerator(Curve.P_384).keyID(CdsHooksTokens.SPEC_KEY.getKeyID()).generate();
        refused("Bearer " + es384(claims(url(DISCOVERY)).build(), impostor));
    }

    @Test
    void shouldRefuseAlgNoneAndHs256() {
        refused("Bearer " + CdsHooksTokens.none(claims(url(DISCOVERY)).build()));
        refused("Bearer " + CdsHooksTokens.hs256(claims(url(DISCOVERY)).build()));
    }

    @Test
    void shouldRefuseExpiredAndTooLongLivedTokens() {
        refused("Bearer " + es384(claims(url(DISCOVERY)).expirationTime(Date.from(Instant.now().minusSeconds(1))).build()));
        refused("Bearer " + es384(claims(url(DISCOVERY)).expirationTime(
                Date.from(Instant.now().plus(Duration.ofMinutes(6)))).build()));
        // The specification's own example token verifies against its JWKS, but expired in 2015.
        refused("Bearer " + fixture("cds-hooks/jwt-example.txt").strip());
    }

    @Test
    void shouldRefuseAReplayedToken() {
        String token = "Bearer " + es384(claims(url(DISCOVERY)).build());
        given().header("Authorization", token).when().get(DISCOVERY).then().statusCode(200);
        refused(token);
    }

    @Test
    void shouldRefuseBasicCredentialsOnCdsServicesAndCdsTokensOnTheApi() {
        given().auth().preemptive().basic("requester", "requester").when().get(DISCOVERY).then().statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        JWTClaimsSet forTheApi = claims(url("/api/v1/rules")).build();
        given().header("Authorization", "Bearer " + es384(forTheApi)).when().get("/api/v1/rules").then().statusCode(401);
    }

    @Test
    void shouldAllowTheConfiguredBrowserOriginOnCdsServicesOnly() {
        String sandbox = "https://sandbox.cds-hooks.org"; // %test.advisor.cds-hooks.cors-origins
        given().header("Origin", sandbox).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/cds-services/leg-cramp-causes").then().statusCode(204)
                .header("Access-Control-Allow-Origin", sandbox);
        given().header("Origin", sandbox).header("Authorization", CdsHooksTokens.bearer(DISCOVERY))
                .when().get(DISCOVERY).then().statusCode(200).header("Access-Control-Allow-Origin", sandbox);
        given().header("Origin", "https://elsewhere.example.org").header("Authorization", CdsHooksTokens.bearer(DISCOVERY))
                .when().get(DISCOVERY).then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        // The rest of the API has no CORS: a browser page elsewhere gets no permission.
        given().header("Origin", sandbox).auth().preemptive().basic("auditor", "auditor")
                .when().get("/api/v1/rules").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }
}
