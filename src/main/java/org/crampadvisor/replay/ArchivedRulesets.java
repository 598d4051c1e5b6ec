package org.crampadvisor.replay;

import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetBuildException;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.engine.RulesetFile;
import org.crampadvisor.engine.RulesFolder;
import org.crampadvisor.engine.RulesetSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a ruleset version from the files the audit store archived for it, after checking that they
 * still hash to that version: what replay and the impact preview's command line run old decisions on.
 */
public final class ArchivedRulesets {

    private ArchivedRulesets() {
    }

    /** Compiles the archived files; throws when they no longer hash to their version or no longer compile. */
    public static Ruleset compile(AuditRepository.StoredRuleset stored) {
        List<RulesetFile> files = new ArrayList<>();
        for (AuditRepository.StoredFile file : stored.files()) {
            files.add(new RulesetFile(file.path(), file.sha256(), file.content().getBytes(StandardCharsets.UTF_8)));
        }
        String version = stored.version();
        String recomputed = RulesFolder.version(files);
        if (!recomputed.equals(version)) {
            throw new IllegalStateException("the archived files of ruleset " + version + " hash to " + recomputed
                    + "; the archive has been altered");
        }
        try {
            return new RulesetCompiler().compile(new RulesetSource(Path.of("archive", version), files, version));
        } catch (RulesetBuildException e) {
            throw new IllegalStateException("archived ruleset " + version + " no longer compiles: " + e.getMessage(), e);
        }
    }
}
