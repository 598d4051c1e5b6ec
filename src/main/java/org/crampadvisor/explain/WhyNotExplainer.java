package org.crampadvisor.explain;

import org.crampadvisor.engine.DrlOutline;
import org.crampadvisor.engine.RuleRunner;
import org.crampadvisor.engine.TraceEntry;
import org.crampadvisor.engine.TracedFact;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.model.CauseEvidence;
import org.crampadvisor.model.Threshold;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.QueryResults;
import org.kie.api.runtime.rule.QueryResultsRow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers why-not for one evaluation, on its settled session: for every cause not concluded, every rule
 * that could have concluded it (directly, or through the rules whose facts it waits on), each with its
 * first unmet condition, found by running the rule's probes ({@link WhyNotProbes}) in order and stopping
 * at the first without a result. One explainer per evaluation; not thread-safe.
 */
final class WhyNotExplainer {

    private final Explanations explanations;
    private final KieSession session;
    private final RuleRunner.FactIds ids;
    private final Set<String> given;
    private final List<TraceEntry> trace;
    private final Set<String> fired = new LinkedHashSet<>();
    private final Map<String, List<Object>> factsByType = new HashMap<>();
    private final Map<String, Outcome> explained = new HashMap<>();
    private final Texts texts;

    /** A rule's first unmet condition, and the rules whose facts it waits on. */
    private record Outcome(WhyNot.RuleWhyNot entry, List<String> waitsOn) {
    }

    WhyNotExplainer(Explanations explanations, KieSession session, RuleRunner.FactIds ids, Set<String> given,
                    List<TraceEntry> trace) {
        this.explanations = explanations;
        this.session = session;
        this.ids = ids;
        this.given = given;
        this.trace = trace;
        trace.forEach(firing -> fired.add(firing.rule()));
        for (Object fact : session.getObjects()) {
            factsByType.computeIfAbsent(fact.getClass().getSimpleName(), t -> new ArrayList<>()).add(fact);
        }
        // In the order they were inserted, as the trace numbers them, so that texts list them as sent.
        factsByType.values().forEach(facts -> facts.sort(java.util.Comparator.comparingInt(ids::idOf)));
        this.texts = new Texts(explanations.labels());
    }

    List<WhyNot> explain() {
        Set<CauseCode> concluded = EnumSet.noneOf(CauseCode.class);
        for (Object fact : factsByType.getOrDefault(CauseEvidence.class.getSimpleName(), List.of())) {
            concluded.add(((CauseEvidence) fact).cause());
        }
        List<CauseCode> absent = Arrays.stream(CauseCode.values()).filter(c -> !concluded.contains(c))
                .sorted(java.util.Comparator.comparing(Enum::name)).toList();
        List<WhyNot> whyNot = new ArrayList<>(absent.size());
        for (CauseCode cause : absent) {
            List<WhyNot.RuleWhyNot> entries = new ArrayList<>();
            Set<String> listed = new LinkedHashSet<>();
            Deque<String> todo = new ArrayDeque<>(explanations.links().concluding(cause));
            while (!todo.isEmpty()) {
                String rule = todo.removeFirst();
                if (!listed.add(rule)) {
                    continue;
                }
                Outcome outcome = explained.computeIfAbsent(rule, this::explainRule);
                entries.add(outcome.entry());
                for (String upstream : outcome.waitsOn()) {
                    if (!fired.contains(upstream) && !listed.contains(upstream)) {
                        todo.addLast(upstream);
                    }
                }
            }
            whyNot.add(new WhyNot(cause.name(), List.copyOf(entries)));
        }
        return whyNot;
    }

    /** One rule's first unmet condition, whether or not its cause was concluded by another rule. */
    WhyNot.RuleWhyNot explainOne(String rule) {
        return explained.computeIfAbsent(rule, this::explainRule).entry();
    }

    private Outcome explainRule(String rule) {
        RuleLinks.Node node = explanations.links().node(rule);
        DrlOutline.RuleDeclaration declaration = node.declaration();
        if (fired.contains(rule)) {
            return new Outcome(entry(declaration, WhyNot.BLOCKED, "then",
                    "Its conditions were met and it fired, but it did not insert evidence for this cause", List.of(), null), List.of());
        }
        WhyNotProbes.Plan plan = explanations.plan(rule);
        if (plan == null) {
            return new Outcome(entry(declaration, WhyNot.NOT_MET, "when",
                    "Its conditions are not met (this version of the rules could not be analysed condition by condition)",
                    List.of(), null), List.of());
        }
        QueryResults previous = null;
        WhyNotProbes.Step previousStep = null;
        for (WhyNotProbes.Step step : plan.steps()) {
            QueryResults results = null;
            boolean failed;
            if (step.parts() <= 1 && cannotMatch(plan.element(step.element()))) {
                failed = true; // a pattern on a kind of fact the session does not hold: no need to ask
            } else {
                results = session.getQueryResults(step.query());
                failed = results.size() == 0;
            }
            if (failed) {
                return classify(plan, step, previousStep, previous);
            }
            previous = results;
            previousStep = step;
        }
        return new Outcome(entry(declaration, WhyNot.BLOCKED, "when",
                "All its conditions are met now, but it did not fire", List.of(), null), List.of());
    }

    /** A positive pattern on a type of which the session holds no fact at all. */
    private boolean cannotMatch(DrlOutline.Element element) {
        if (element.kind() != DrlOutline.Element.Kind.PATTERN) {
            return false;
        }
        String type = element.pattern().simpleType();
        boolean finalType = InputSection.ofType(type).isPresent() || modelRecord(type);
        return finalType && factsByType.getOrDefault(type, List.of()).isEmpty();
    }

    private static boolean modelRecord(String simpleType) {
        try {
            return Class.forName("org.crampadvisor.model." + simpleType, false, WhyNotExplainer.class.getClassLoader()).isRecord();
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private Outcome classify(WhyNotProbes.Plan plan, WhyNotProbes.Step step, WhyNotProbes.Step previousStep,
                             QueryResults previous) {
        DrlOutline.RuleDeclaration rule = plan.rule();
        DrlOutline.Element element = plan.element(step.element());
        QueryResultsRow prefixRow = previous == null || previous.size() == 0 ? null : previous.iterator().next();
        List<Object> prefixFacts = boundFacts(plan, prefixRow, step.element());
        boolean earlierMatched = earlierFactsMatched(plan, step.element(), prefixRow);

        switch (element.kind()) {
            case PATTERN -> {
                DrlOutline.Pattern pattern = element.pattern();
                List<Object> candidates = candidates(plan, step, previousStep, previous);
                InputSection section = InputSection.ofType(pattern.simpleType()).orElse(null);
                if (section != null) {
                    String missing = firstMissing(inputsOf(section, pattern, plan.parts().get(step.element()), step));
                    if (missing != null) {
                        return new Outcome(entry(rule, WhyNot.MISSING, step.condition(), texts.notReported(missing),
                                List.of(), missing), List.of());
                    }
                    String text = texts.unmet(section, pattern, step.part(), candidates, prefixRow);
                    return new Outcome(entry(rule, earlierMatched ? WhyNot.BLOCKED : WhyNot.NOT_MET, step.condition(),
                            earlierMatched ? texts.afterEarlier(text, prefixFacts) : text,
                            factIds(prefixFacts, candidates), null), List.of());
                }
                if (pattern.simpleType().equals(Threshold.class.getSimpleName())) {
                    return new Outcome(entry(rule, WhyNot.NOT_MET, step.condition(),
                            texts.noLookup(pattern, step.condition()), factIds(prefixFacts, candidates), null), List.of());
                }
                List<String> producers = explanations.links().producersOf(pattern);
                return new Outcome(entry(rule, WhyNot.BLOCKED, step.condition(),
                        texts.waitsFor(pattern, step.part(), candidates, prefixRow, producers, fired),
                        factIds(prefixFacts, candidates), null), producers);
            }
            case NOT -> {
                List<Object> blocking = new ArrayList<>();
                if (step.blocking() != null) {
                    String binding = WhyNotProbes.blockingBinding(plan, step.element());
                    for (QueryResultsRow row : session.getQueryResults(step.blocking())) {
                        Object fact = row.get(binding);
                        if (fact != null && blocking.stream().noneMatch(b -> b == fact)) {
                            blocking.add(fact);
                        }
                    }
                }
                boolean derived = element.patterns().stream().anyMatch(p -> InputSection.ofType(p.simpleType()).isEmpty()
                        && !p.simpleType().equals(Threshold.class.getSimpleName()));
                String kind = derived || earlierMatched ? WhyNot.BLOCKED : WhyNot.NOT_MET;
                List<String> concludedBy = derived ? rulesThatInserted(blocking) : List.of();
                return new Outcome(entry(rule, kind, step.condition(), texts.forbiddenPresent(blocking, concludedBy),
                        factIds(prefixFacts, blocking), null), List.of());
            }
            default -> {
                List<String> inputs = new ArrayList<>();
                boolean derived = false;
                for (DrlOutline.Pattern inner : element.patterns()) {
                    InputSection section = InputSection.ofType(inner.simpleType()).orElse(null);
                    if (section != null) {
                        inputs.addAll(RuleLinks.inputsOf(section, inner));
                    } else if (!inner.simpleType().equals(Threshold.class.getSimpleName())) {
                        derived = true;
                    }
                }
                String missing = element.kind() == DrlOutline.Element.Kind.EVAL ? null : firstMissing(inputs);
                if (missing != null && !derived) {
                    return new Outcome(entry(rule, WhyNot.MISSING, step.condition(), texts.notReported(missing),
                            List.of(), missing), List.of());
                }
                List<String> producers = new ArrayList<>();
                if (derived) {
                    element.patterns().forEach(p -> producers.addAll(explanations.links().producersOf(p)));
                }
                String kind = derived || earlierMatched ? WhyNot.BLOCKED : WhyNot.NOT_MET;
                return new Outcome(entry(rule, kind, step.condition(), texts.elementUnmet(element, producers, fired),
                        factIds(prefixFacts, List.of()), null), producers);
            }
        }
    }

    /** The facts a pattern's condition was tried on: those that passed its earlier conditions, or every fact of its type. */
    private List<Object> candidates(WhyNotProbes.Plan plan, WhyNotProbes.Step step, WhyNotProbes.Step previousStep,
                                    QueryResults previous) {
        List<Object> candidates = new ArrayList<>();
        if (previousStep != null && previousStep.element() == step.element() && previous != null) {
            String binding = plan.bindings().get(step.element());
            Map<Object, Boolean> seen = new IdentityHashMap<>();
            for (QueryResultsRow row : previous) {
                Object fact = row.get(binding);
                if (fact != null && seen.put(fact, Boolean.TRUE) == null) {
                    candidates.add(fact);
                }
            }
            return candidates;
        }
        return List.copyOf(factsByType.getOrDefault(plan.element(step.element()).pattern().simpleType(), List.of()));
    }

    /** The facts the patterns before this element matched, in the one match shown. */
    private static List<Object> boundFacts(WhyNotProbes.Plan plan, QueryResultsRow row, int before) {
        List<Object> facts = new ArrayList<>();
        if (row == null) {
            return facts;
        }
        for (int e = 0; e < before; e++) {
            String binding = plan.bindings().get(e);
            if (binding != null) {
                Object fact = row.get(binding);
                if (fact != null) {
                    facts.add(fact);
                }
            }
        }
        return facts;
    }

    /** Whether an earlier pattern matched a fact that is not a table lookup (a threshold): a partial match. */
    private static boolean earlierFactsMatched(WhyNotProbes.Plan plan, int before, QueryResultsRow row) {
        if (row == null) {
            return false;
        }
        for (int e = 0; e < before; e++) {
            DrlOutline.Element element = plan.element(e);
            if (element.kind() == DrlOutline.Element.Kind.PATTERN
                    && !element.pattern().simpleType().equals(Threshold.class.getSimpleName())
                    && row.get(plan.bindings().get(e)) != null) {
                return true;
            }
        }
        return false;
    }

    /** The inputs a pattern's failing condition needs: the field it reads, the lab it picks, the list it looks in. */
    static List<String> inputsOf(InputSection section, DrlOutline.Pattern pattern, List<ConstraintPart> parts,
                                 WhyNotProbes.Step step) {
        switch (section.shape()) {
            case LIST -> {
                return List.of(section.path());
            }
            case KEYED_LIST -> {
                List<String> keyed = new ArrayList<>();
                List<ConstraintPart> tried = step.part() != null ? List.of(step.part()) : List.of();
                for (List<ConstraintPart> candidates : List.of(tried, parts.subList(0, Math.max(0, step.parts() - 1)), parts)) {
                    for (ConstraintPart part : candidates) {
                        for (ConstraintPart.Comparison comparison : part.comparisons()) {
                            if (comparison.field().equals(section.key()) && comparison.operator().equals("==")) {
                                keyed.add(section.keyedInput(comparison.value()));
                            }
                        }
                    }
                    if (!keyed.isEmpty()) {
                        return keyed;
                    }
                }
                return List.of(section.path());
            }
            default -> {
                List<String> fields = step.part() == null ? List.of() : step.part().referencedFields(section.fields());
                return fields.isEmpty() ? List.of(section.path()) : fields.stream().map(section::fieldInput).toList();
            }
        }
    }

    private String firstMissing(List<String> inputs) {
        for (String input : inputs) {
            if (!given.contains(input)) {
                return input;
            }
        }
        return null;
    }

    /** The rules that inserted these facts, as the session's trace ids tell. */
    private List<String> rulesThatInserted(List<Object> facts) {
        Set<String> rules = new LinkedHashSet<>();
        Set<Integer> wanted = new LinkedHashSet<>();
        facts.forEach(fact -> wanted.add(ids.idOf(fact)));
        for (Map.Entry<Integer, String> inserted : insertedBy().entrySet()) {
            if (wanted.contains(inserted.getKey())) {
                rules.add(inserted.getValue());
            }
        }
        return List.copyOf(rules);
    }

    private Map<Integer, String> insertedBy;

    private Map<Integer, String> insertedBy() {
        if (insertedBy == null) {
            insertedBy = new LinkedHashMap<>();
            for (TraceEntry firing : trace) {
                for (TracedFact fact : firing.inserted()) {
                    insertedBy.putIfAbsent(fact.id(), firing.rule());
                }
            }
        }
        return insertedBy;
    }

    private List<Integer> factIds(List<Object> first, List<Object> then) {
        Set<Integer> found = new LinkedHashSet<>();
        for (List<Object> facts : List.of(first, then)) {
            for (Object fact : facts) {
                int id = ids.idOf(fact);
                if (id > 0) {
                    found.add(id);
                }
            }
        }
        return List.copyOf(found);
    }

    private static WhyNot.RuleWhyNot entry(DrlOutline.RuleDeclaration rule, String kind, String condition, String text,
                                          List<Integer> facts, String input) {
        return new WhyNot.RuleWhyNot(rule.name(), rule.file(), rule.line(), kind, condition, text, facts, input);
    }
}
