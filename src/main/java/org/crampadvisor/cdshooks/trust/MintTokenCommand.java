package org.crampadvisor.cdshooks.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * For trying the CDS Hooks service locally ({@code scripts/mint-cds-token}): plays the EHR. On first use
 * it generates an ES384 key pair in a folder, with the trust file the service reads; then it prints a
 * token for one call. Never use these keys for anything but a local try.
 */
public final class MintTokenCommand {

    static final String PRIVATE_KEY = "ehr-private-jwk.json";
    static final String TRUST_FILE = "trust.json";

    private MintTokenCommand() {
    }

    public static void main(String[] args) throws Exception {
        String aud = null;
        String iss = "https://ehr.example.org/";
        Path folder = Path.of("target/cds-hooks-demo");
        int count = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--aud" -> aud = args[++i];
                case "--iss" -> iss = args[++i];
                case "--key-dir" -> folder = Path.of(args[++i]);
                // Many tokens, one a line, each with its own jti (the CDS Hooks benchmark needs one per call).
                case "--count" -> count = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: mint-cds-token --aud <URL called> [--iss <issuer>] [--key-dir <folder>] [--count N]");
                    System.exit(2);
                }
            }
        }
        if (aud == null) {
            System.err.println("usage: mint-cds-token --aud <URL called> [--iss <issuer>] [--key-dir <folder>] [--count N]");
            System.exit(2);
        }
        ECKey key = keyOf(folder, iss);
        StringBuilder tokens = new StringBuilder();
        for (int i = 0; i < count; i++) {
            tokens.append(mint(key, iss, aud, Instant.now())).append('\n');
        }
        System.out.print(tokens);
    }

    /** A token for one call to {@code aud}, valid for four minutes, signed with the folder's key. */
    static String mint(Path folder, String iss, String aud, Instant now) throws IOException, JOSEException, ParseException {
        return mint(keyOf(folder, iss), iss, aud, now);
    }

    private static String mint(ECKey key, String iss, String aud, Instant now) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(iss).subject("local-ehr").audience(aud)
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(4))))
                        .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static ECKey keyOf(Path folder, String iss) throws IOException, JOSEException, ParseException {
        Path privateKey = folder.resolve(PRIVATE_KEY);
        if (Files.exists(privateKey)) {
            return ECKey.parse(Files.readString(privateKey));
        }
        Files.createDirectories(folder);
        ECKey key = new ECKeyGenerator(Curve.P_384).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES384)
                .keyIDFromThumbprint(true).generate();
        Files.writeString(privateKey, key.toJSONString());
        try {
            Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps its default permissions
        }
        Files.writeString(folder.resolve(TRUST_FILE), "{\"issuers\":[{\"iss\":\"" + iss + "\",\"jwks\":{\"keys\":["
                + key.toPublicJWK().toJSONString() + "]}}]}\n");
        System.err.println("Generated an ES384 key in " + privateKey + "; trust file for the service: "
                + folder.resolve(TRUST_FILE).toAbsolutePath());
        return key;
    }
}
