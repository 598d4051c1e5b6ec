package org.crampadvisor.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the files of a rules folder that make up a ruleset and computes its version.
 *
 * <p>Part of the ruleset: every {@code .drl} and {@code .csv} file below the folder, except under
 * {@code scenarios/} and hidden files or folders. Scenarios test a ruleset but do not change what it
 * decides, so editing one does not change the version.
 */
public final class RulesFolder {

    public static final String SCENARIOS_DIR = "scenarios";

    private RulesFolder() {
    }

    public static RulesetSource read(Path root) throws RulesetBuildException {
        Path folder = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new RulesetBuildException(List.of(RulesetProblem.inFolder(
                    "rules folder " + folder + " does not exist or is not a directory")));
        }
        List<RulesetFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = relativePath(folder, file);
                if (isPartOfRuleset(relative)) {
                    byte[] content = Files.readAllBytes(file);
                    files.add(new RulesetFile(relative, sha256Hex(content), content));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RulesetBuildException(List.of(RulesetProblem.inFolder(
                    "cannot read rules folder " + folder + ": " + e.getMessage())));
        }
        files.sort(Comparator.comparing(RulesetFile::path));
        return new RulesetSource(folder, List.copyOf(files), version(files));
    }

    static boolean isPartOfRuleset(String relativePath) {
        return !relativePath.startsWith(SCENARIOS_DIR + "/") && !isHidden(relativePath)
                && (relativePath.endsWith(".drl") || relativePath.endsWith(".csv"));
    }

    /**
     * Whether a change to this path can change what a reload decides: a ruleset file or a scenario.
     * Editors' swap and backup files are not, so saving in an editor reloads once, not three times.
     */
    public static boolean affectsReload(String relativePath) {
        return isPartOfRuleset(relativePath) || (relativePath.startsWith(SCENARIOS_DIR + "/")
                && !isHidden(relativePath) && (relativePath.endsWith(".yaml") || relativePath.endsWith(".yml")));
    }

    private static boolean isHidden(String relativePath) {
        for (String segment : relativePath.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code sha256:} over the files sorted by path; each file contributes its path, a NUL, its length
     * in decimal, a NUL and its content, so that no two different folders hash alike.
     */
    public static String version(List<RulesetFile> sortedFiles) {
        MessageDigest digest = newSha256();
        for (RulesetFile file : sortedFiles) {
            digest.update(file.path().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Integer.toString(file.content().length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) 0);
            digest.update(file.content());
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static String relativePath(Path folder, Path file) {
        return folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(newSha256().digest(content));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
