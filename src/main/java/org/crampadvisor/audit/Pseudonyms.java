package org.crampadvisor.audit;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Pseudonymises patient ids with HMAC-SHA-256, so the audit log can link a patient's evaluations
 * without holding the id. The key comes from {@code advisor.audit.pseudonym-key} (base64, at least 32
 * bytes); without it, one is generated on first start and kept in {@code <data-dir>/pseudonym.key},
 * readable by the owner only. Lose the key and past pseudonyms can no longer be matched.
 */
@Startup // so that the key exists from the first start, not from the first patient id
@ApplicationScoped
public class Pseudonyms {

    private static final Logger LOG = Logger.getLogger(Pseudonyms.class);
    private static final String ALGORITHM = "HmacSHA256";
    static final String KEY_FILE = "pseudonym.key";

    private final SecretKeySpec key;

    Pseudonyms(@ConfigProperty(name = "advisor.audit.pseudonym-key") Optional<String> configuredKey,
               @ConfigProperty(name = "advisor.data-dir") String dataDir) {
        this.key = new SecretKeySpec(configuredKey.map(Pseudonyms::decode).orElseGet(() -> keyFile(Path.of(dataDir))),
                ALGORITHM);
    }

    /** The pseudonym of a patient id: 64 hex digits. */
    public String of(String patientId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * A key for another purpose (e.g. signing cursors), derived from the pseudonym key as
     * HMAC-SHA-256(pseudonym key, purpose): every replica that shares the pseudonym key derives the same one,
     * and the pseudonym key itself never leaves this class.
     */
    public byte[] derivedKey(String purpose) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(("cramp-advisor:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("advisor.audit.pseudonym-key must be base64", e);
        }
        if (key.length < 32) {
            throw new IllegalStateException("advisor.audit.pseudonym-key must hold at least 32 bytes; it holds "
                    + key.length);
        }
        return key;
    }

    static byte[] keyFile(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
                    LOG.warnf("Generated a pseudonym key in %s (owner-only). Back it up with the audit data, or set "
                            + "advisor.audit.pseudonym-key; without it, patient pseudonyms cannot be matched again.", file);
                } catch (FileAlreadyExistsException raced) {
                    // Another process created it first; use theirs.
                }
            }
            return decode(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the pseudonym key " + file, e);
        }
    }
}
