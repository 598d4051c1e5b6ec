package org.crampadvisor.explain;

import org.crampadvisor.engine.DrlOutline;
import org.crampadvisor.engine.RulesetFile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The probes of why-not: for each rule that could conclude a cause, a chain of DRL queries that take its
 * conditions one at a time ({@code Threshold( name == "potassium.low" )}, then that and
 * {@code LabResult( analyte == "potassium" )}, then that and {@code canonicalValue < $limit.value}), generated
 * from the Drools parser's descriptors of the rule. They are compiled beside the rules into a KieBase of
 * their own, so that Drools itself, with the very constraints the rule has, says how far a rule got on
 * an evaluation's facts: the first probe without a result is the first condition not met, and the
 * results of the one before it hold the facts (and values) it was tried on.
 *
 * <p>Each probe sits in the rule's own package, with its file's imports, so it sees what the rule sees
 * (declared types, functions, globals). Queries never fire, so the rules behave exactly as in the
 * ruleset's own KieBase (a test compares every scenario's answer on both).
 */
final class WhyNotProbes {

    /** Generated binding names start with this, so that they cannot meet a rule author's. */
    static final String BINDING_PREFIX = "$__whynot";
    private static final String QUERY_PREFIX = "whynot probe ";
    /** The generated file of each package, in the package's folder as Drools expects (it warns otherwise). */
    private static final String FILE_NAME = "whynot-probes-generated.drl";
    /**
     * Queries per generated package. The executable model keeps a package's queries in one class, and a class
     * of several hundred queries outgrows the JVM's limit on a method's size; past this many, probes go to
     * packages of their own beside the rule's (which then see the rule's imports, not its functions or globals).
     */
    static final int QUERIES_PER_PACKAGE = 120;

    /**
     * One probe: the rule's conditions up to and including one more.
     *
     * @param element   the index of the top-level element it ends in
     * @param parts     for a pattern, how many of its conditions it includes (0 for the bare pattern); -1 for
     *                  an element taken whole
     * @param query     the query's name
     * @param condition the condition it adds, as DRL
     * @param part      the pattern condition it adds, or {@code null}
     * @param blocking  for a {@code not}, a query of what is there that it forbids, or {@code null}
     */
    record Step(int element, int parts, String query, String condition, ConstraintPart part, String blocking) {
    }

    /**
     * A rule's probes.
     *
     * @param rule     the rule as written
     * @param bindings the binding of each top-level element that is a pattern (the rule's own, or one made up), else {@code null}
     * @param parts    each pattern element's conditions, one at a time, else an empty list
     * @param steps    the probes in order
     */
    record Plan(DrlOutline.RuleDeclaration rule, List<String> bindings, List<List<ConstraintPart>> parts, List<Step> steps) {

        DrlOutline.Element element(int index) {
            return rule.elements().get(index);
        }
    }

    private final Map<String, Plan> plans = new LinkedHashMap<>();
    private final List<RulesetFile> files = new ArrayList<>();

    /** Probes for the given rules (by name), generated from their declarations. */
    WhyNotProbes(List<DrlOutline.RuleDeclaration> declarations, Collection<String> probed) {
        Map<String, Set<String>> namesByPackage = new LinkedHashMap<>();
        for (DrlOutline.RuleDeclaration rule : declarations) {
            namesByPackage.computeIfAbsent(rule.pkg(), p -> new java.util.HashSet<>()).add(rule.name());
        }
        Map<String, List<DrlOutline.RuleDeclaration>> probedByPackage = new LinkedHashMap<>();
        int ruleNumber = 0;
        for (DrlOutline.RuleDeclaration rule : declarations) {
            if (!probed.contains(rule.name()) || plans.containsKey(rule.name())) {
                continue;
            }
            ruleNumber++;
            plans.put(rule.name(), plan(rule, queryPrefix(namesByPackage.get(rule.pkg())) + ruleNumber + "."));
            probedByPackage.computeIfAbsent(rule.pkg(), p -> new ArrayList<>()).add(rule);
        }
        probedByPackage.forEach((pkg, rules) -> {
            int queries = rules.stream().mapToInt(rule -> queryCount(plans.get(rule.name()))).sum();
            if (queries <= QUERIES_PER_PACKAGE) {
                files.add(file(pkg, rules));
                return;
            }
            List<DrlOutline.RuleDeclaration> chunk = new ArrayList<>();
            int inChunk = 0;
            int chunks = 0;
            for (DrlOutline.RuleDeclaration rule : rules) {
                int count = queryCount(plans.get(rule.name()));
                if (inChunk + count > QUERIES_PER_PACKAGE && !chunk.isEmpty()) {
                    files.add(file((pkg.isEmpty() ? "" : pkg + ".") + "whynot" + ++chunks, chunk));
                    chunk = new ArrayList<>();
                    inChunk = 0;
                }
                chunk.add(rule);
                inChunk += count;
            }
            files.add(file((pkg.isEmpty() ? "" : pkg + ".") + "whynot" + ++chunks, chunk));
        });
    }

    private static int queryCount(Plan plan) {
        return plan.steps().size() + (int) plan.steps().stream().filter(step -> step.blocking() != null).count();
    }

    /** A DRL file in the package with the probes of these rules and the imports of their files. */
    private RulesetFile file(String pkg, List<DrlOutline.RuleDeclaration> rules) {
        StringBuilder drl = new StringBuilder();
        if (!pkg.isEmpty()) {
            drl.append("package ").append(pkg).append(";\n\n");
        }
        Set<String> imports = new LinkedHashSet<>();
        rules.forEach(rule -> imports.addAll(rule.imports()));
        imports.forEach(imported -> drl.append(imported).append(";\n"));
        drl.append("\n// Generated for why-not from the rules of this package; see explain.WhyNotProbes.\n\n");
        for (DrlOutline.RuleDeclaration rule : rules) {
            Plan plan = plans.get(rule.name());
            for (Step step : plan.steps()) {
                drl.append(query(step.query(), prefixText(plan, step.element()), stepText(plan, step)));
                if (step.blocking() != null) {
                    drl.append(query(step.blocking(), prefixText(plan, step.element()), blockingText(plan, step.element())));
                }
            }
        }
        byte[] content = drl.toString().getBytes(StandardCharsets.UTF_8);
        return new RulesetFile((pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + FILE_NAME, "generated", content);
    }

    /** The probes of a rule, or {@code null} when it is not probed. */
    Plan plan(String rule) {
        return plans.get(rule);
    }

    /** The generated DRL files holding the queries, to compile beside the rules. */
    List<RulesetFile> files() {
        return files;
    }

    private static String queryPrefix(Set<String> ruleNames) {
        String prefix = QUERY_PREFIX;
        while (true) {
            String candidate = prefix;
            if (ruleNames.stream().noneMatch(name -> name.startsWith(candidate))) {
                return prefix;
            }
            prefix = "_" + prefix;
        }
    }

    private static Plan plan(DrlOutline.RuleDeclaration rule, String queryPrefix) {
        List<String> bindings = new ArrayList<>();
        List<List<ConstraintPart>> parts = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        List<DrlOutline.Element> elements = rule.elements();
        for (int e = 0; e < elements.size(); e++) {
            DrlOutline.Element element = elements.get(e);
            if (element.kind() == DrlOutline.Element.Kind.PATTERN) {
                DrlOutline.Pattern pattern = element.pattern();
                bindings.add(pattern.binding() != null ? pattern.binding() : BINDING_PREFIX + e);
                List<ConstraintPart> patternParts = ConstraintPart.of(pattern);
                parts.add(patternParts);
                if (patternParts.isEmpty()) {
                    steps.add(new Step(e, 0, queryPrefix + (steps.size() + 1), element.text().strip(), null, null));
                }
                for (int p = 1; p <= patternParts.size(); p++) {
                    ConstraintPart part = patternParts.get(p - 1);
                    steps.add(new Step(e, p, queryPrefix + (steps.size() + 1), part.text(), part, null));
                }
            } else {
                bindings.add(null);
                parts.add(List.of());
                String blocking = element.kind() == DrlOutline.Element.Kind.NOT && blockable(element)
                        ? queryPrefix + (steps.size() + 1) + " blocking" : null;
                steps.add(new Step(e, -1, queryPrefix + (steps.size() + 1), element.text().strip(), null, blocking));
            }
        }
        // Bindings hold null for elements that are not patterns, which List.copyOf refuses.
        return new Plan(rule, java.util.Collections.unmodifiableList(bindings), List.copyOf(parts), List.copyOf(steps));
    }

    /** A {@code not} of one plain pattern: what it forbids can be queried for. */
    private static boolean blockable(DrlOutline.Element element) {
        return element.inner() != null && element.patterns().size() == 1
                && element.inner().strip().endsWith(")") && !element.inner().strip().startsWith("(");
    }

    /** The binding a {@code not}'s pattern gets in its blocking query. */
    static String blockingBinding(Plan plan, int element) {
        DrlOutline.Pattern inner = plan.element(element).patterns().get(0);
        return inner.binding() != null ? inner.binding() : BINDING_PREFIX + "Blocking" + element;
    }

    private static String query(String name, String prefix, String last) {
        return "query \"" + name.replace("\"", "'") + "\"\n" + prefix + "    " + last + "\nend\n\n";
    }

    /** The elements before this one, each whole. */
    private static String prefixText(Plan plan, int element) {
        StringBuilder text = new StringBuilder();
        for (int e = 0; e < element; e++) {
            text.append("    ").append(elementText(plan, e, Integer.MAX_VALUE)).append('\n');
        }
        return text.toString();
    }

    private static String stepText(Plan plan, Step step) {
        return elementText(plan, step.element(), step.parts());
    }

    /** An element with, for a pattern, its first {@code parts} conditions and a binding to read its fact back. */
    private static String elementText(Plan plan, int element, int parts) {
        DrlOutline.Element written = plan.element(element);
        if (written.kind() != DrlOutline.Element.Kind.PATTERN) {
            return written.text().strip();
        }
        List<ConstraintPart> all = plan.parts().get(element);
        List<String> conditions = new ArrayList<>();
        for (int p = 0; p < Math.min(parts, all.size()); p++) {
            conditions.add(all.get(p).text());
        }
        return plan.bindings().get(element) + " : " + written.pattern().type() + "( " + String.join(", ", conditions) + " )";
    }

    private static String blockingText(Plan plan, int element) {
        DrlOutline.Element not = plan.element(element);
        String inner = not.inner().strip();
        return not.patterns().get(0).binding() != null ? inner : blockingBinding(plan, element) + " : " + inner;
    }
}
