package org.crampadvisor.replay;

import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetBuildException;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.engine.RulesetFile;
import org.crampadvisor.engine.RulesFolder;
import org.crampadvisor.engine.RulesetSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ruleset version that answered a stored decision: the active one when it is that version, otherwise
 * rebuilt from the files the audit log archived (after checking they still hash to the version). Replay
 * and the why-not of stored evaluations both use it; a few rebuilt versions are kept compiled, each with
 * whatever was worked out from it (its explanations).
 */
@ApplicationScoped
public class ArchivedRulesets {

    /** Past versions stay compiled for the next use; each takes a few MB, so only a few are kept. */
    private static final int COMPILED_VERSIONS_KEPT = 4;

    private final AuditRepository repository;
    private final ActiveRuleset activeRuleset;
    private final Map<String, Ruleset> compiled = Collections.synchronizedMap(
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Ruleset> eldest) {
                    return size() > COMPILED_VERSIONS_KEPT;
                }
            });

    ArchivedRulesets(AuditRepository repository, ActiveRuleset activeRuleset) {
        this.repository = repository;
        this.activeRuleset = activeRuleset;
    }

    /** The ruleset of this version: the active one, one kept compiled, or rebuilt from the archive. */
    public Ruleset version(String version) {
        Ruleset active = activeRuleset.get();
        if (active.version().equals(version)) {
            return active;
        }
        Ruleset ruleset = compiled.get(version);
        if (ruleset != null) {
            return ruleset;
        }
        ruleset = compile(repository.ruleset(version).orElseThrow(() ->
                new ArchivedRulesetUnavailable(version, "is not in the audit log's archive", null)));
        compiled.put(version, ruleset);
        return ruleset;
    }

    /**
     * Compiles the archived files.
     *
     * @throws ArchivedRulesetUnavailable when they no longer hash to their version or no longer compile
     */
    public static Ruleset compile(AuditRepository.StoredRuleset stored) {
        List<RulesetFile> files = new ArrayList<>();
        for (AuditRepository.StoredFile file : stored.files()) {
            files.add(new RulesetFile(file.path(), file.sha256(), file.content().getBytes(StandardCharsets.UTF_8)));
        }
        String version = stored.version();
        String recomputed = RulesFolder.version(files);
        if (!recomputed.equals(version)) {
            throw new ArchivedRulesetUnavailable(version, "cannot be rebuilt: its archived files hash to " + recomputed
                    + ", so the archive has been altered", null);
        }
        try {
            return new RulesetCompiler().compile(new RulesetSource(Path.of("archive", version), files, version));
        } catch (RulesetBuildException e) {
            throw new ArchivedRulesetUnavailable(version, "cannot be rebuilt: its archived files no longer compile: "
                    + e.getMessage(), e);
        }
    }
}
