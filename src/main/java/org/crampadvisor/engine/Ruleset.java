package org.crampadvisor.engine;

import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled ruleset. Immutable, so that an evaluation that started on it finishes on it even when
 * another version becomes active meanwhile.
 */
public final class Ruleset {

    private final String version;
    private final Instant loadedAt;
    private final List<RulesetFile> files;
    private final KieBase kieBase;
    private final ReferenceData reference;
    private final List<RuleInfo> rules;
    private final Map<String, RuleInfo> rulesByQualifiedName;
    // The engine hands the same rule definition to every firing; an identity lookup builds no key.
    private final Map<Rule, RuleInfo> rulesByDefinition;
    private final RuleCoverage coverage;
    // What is worked out from this compiled ruleset once and kept with it (explanations): shared by its copies.
    private final Map<Class<?>, Object> derived;

    Ruleset(String version, Instant loadedAt, List<RulesetFile> files, KieBase kieBase, ReferenceData reference,
            List<RuleInfo> rules) {
        this.version = version;
        this.loadedAt = loadedAt;
        this.files = List.copyOf(files);
        this.kieBase = kieBase;
        this.reference = reference;
        this.rules = List.copyOf(rules);
        Map<String, RuleInfo> index = new HashMap<>();
        for (RuleInfo rule : rules) {
            index.put(qualifiedName(rule.pkg(), rule.name()), rule);
        }
        this.rulesByQualifiedName = Map.copyOf(index);
        Map<Rule, RuleInfo> byDefinition = new IdentityHashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleInfo info = index.get(qualifiedName(rule.getPackageName(), rule.getName()));
                if (info != null) {
                    byDefinition.put(rule, info);
                }
            }
        }
        this.rulesByDefinition = Collections.unmodifiableMap(byDefinition);
        this.coverage = RuleCoverage.UNKNOWN;
        this.derived = new java.util.concurrent.ConcurrentHashMap<>();
    }

    private Ruleset(Ruleset compiled, RuleCoverage coverage) {
        this.version = compiled.version;
        this.loadedAt = compiled.loadedAt;
        this.files = compiled.files;
        this.kieBase = compiled.kieBase;
        this.reference = compiled.reference;
        this.rules = compiled.rules;
        this.rulesByQualifiedName = compiled.rulesByQualifiedName;
        this.rulesByDefinition = compiled.rulesByDefinition;
        this.coverage = coverage;
        this.derived = compiled.derived;
    }

    /** The same compiled ruleset, with the coverage its scenarios gave it; the KieBase is shared, not rebuilt. */
    public Ruleset withCoverage(RuleCoverage scenarioCoverage) {
        return new Ruleset(this, scenarioCoverage);
    }

    /** Which scenarios make each rule fire, as measured when it passed its gate. */
    public RuleCoverage coverage() {
        return coverage;
    }

    /** {@code sha256:} over its files, see {@link RulesFolder#version}. */
    public String version() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Its files, sorted by path. */
    public List<RulesetFile> files() {
        return files;
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /**
     * A new session, for one evaluation. With Drools's default options: ThreadSafeOption.NO looked free
     * for a session used by one thread, but broke concurrent sessions of one KieBase (Drools 10.2.0; see
     * ConcurrentSessionsTest).
     */
    public KieSession newSession() {
        return kieBase.newKieSession();
    }

    /** Its thresholds, advice texts and catalogues. */
    public ReferenceData reference() {
        return reference;
    }

    /** Its rules in file and line order. */
    public List<RuleInfo> rules() {
        return rules;
    }

    /**
     * Something worked out from this ruleset once, on first use, and kept as long as the ruleset is: e.g.
     * what its rules could conclude from which inputs. Thread-safe; {@code compute} runs at most once per kind.
     */
    public <T> T derived(Class<T> kind, java.util.function.Function<Ruleset, T> compute) {
        return kind.cast(derived.computeIfAbsent(kind, k -> compute.apply(this)));
    }

    /** The rule of this ruleset with this package and name, if any. */
    public java.util.Optional<RuleInfo> rule(String pkg, String name) {
        return java.util.Optional.ofNullable(rulesByQualifiedName.get(qualifiedName(pkg, name)));
    }

    RuleInfo rule(Rule definition) {
        RuleInfo rule = rulesByDefinition.get(definition);
        return rule != null ? rule : rulesByQualifiedName.get(qualifiedName(definition.getPackageName(), definition.getName()));
    }

    private static String qualifiedName(String pkg, String name) {
        return pkg + '\u0000' + name;
    }
}
