package org.crampadvisor.explain;

import org.crampadvisor.engine.ConsequenceOutline;
import org.crampadvisor.engine.DrlOutline;
import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.AdviceReason;
import org.crampadvisor.model.AdviceWithheld;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.model.CauseEvidence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each rule of a ruleset reads and produces, and so what it can lead to, worked out from the rules
 * as written: the inputs its patterns use, the facts its consequence inserts, which rules can match
 * those facts, and, following them, the causes and advice each rule could conclude directly or through
 * other rules. Derived from the DRL each time a ruleset is compiled; nothing here is written per rule.
 */
final class RuleLinks {

    /**
     * One rule and what it touches.
     *
     * @param declaration the rule as written
     * @param inserts     what its consequence inserts, with the arguments the code names
     * @param inputs      the request inputs its patterns use, in the order written
     */
    record Node(DrlOutline.RuleDeclaration declaration, List<ConsequenceOutline.Insert> inserts, List<String> inputs) {

        String name() {
            return declaration.name();
        }
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> consumers = new LinkedHashMap<>();
    private final Map<String, Set<CauseCode>> couldConclude = new LinkedHashMap<>();
    private final Map<String, Set<AdviceCode>> couldAdvise = new LinkedHashMap<>();
    private final Map<String, Set<AdviceCode>> couldWithhold = new LinkedHashMap<>();

    RuleLinks(List<DrlOutline.RuleDeclaration> rules) {
        for (DrlOutline.RuleDeclaration rule : rules) {
            // The gate refuses two rules of one name; an archived ruleset keeps the first, as the outline lists it.
            nodes.putIfAbsent(rule.name(), new Node(rule, ConsequenceOutline.of(rule).inserts(), inputsOf(rule)));
        }
        for (Node producer : nodes.values()) {
            List<String> fed = new ArrayList<>();
            for (Node consumer : nodes.values()) {
                if (consumer != producer && consumer.declaration().patterns().stream()
                        .anyMatch(p -> !p.negated() && canFeed(producer, p))) {
                    fed.add(consumer.name());
                }
            }
            consumers.put(producer.name(), List.copyOf(fed));
        }
        for (Node node : nodes.values()) {
            Set<CauseCode> causes = EnumSet.noneOf(CauseCode.class);
            Set<AdviceCode> advice = EnumSet.noneOf(AdviceCode.class);
            Set<AdviceCode> withheld = EnumSet.noneOf(AdviceCode.class);
            for (String reached : reachableFrom(node.name())) {
                for (ConsequenceOutline.Insert insert : nodes.get(reached).inserts()) {
                    constant(CauseCode.class, insert, CauseEvidence.class, "cause").ifPresent(causes::add);
                    constant(AdviceCode.class, insert, AdviceReason.class, "advice").ifPresent(advice::add);
                    constant(AdviceCode.class, insert, AdviceWithheld.class, "advice").ifPresent(withheld::add);
                }
            }
            couldConclude.put(node.name(), causes);
            couldAdvise.put(node.name(), advice);
            couldWithhold.put(node.name(), withheld);
        }
    }

    Collection<Node> nodes() {
        return nodes.values();
    }

    Node node(String rule) {
        return nodes.get(rule);
    }

    /** The rules whose own consequence inserts evidence for the cause, in file and line order. */
    List<String> concluding(CauseCode cause) {
        List<String> rules = new ArrayList<>();
        for (Node node : nodes.values()) {
            if (node.inserts().stream().anyMatch(insert -> constant(CauseCode.class, insert, CauseEvidence.class, "cause")
                    .map(cause::equals).orElse(false))) {
                rules.add(node.name());
            }
        }
        return rules;
    }

    /**
     * The rules whose inserts a pattern could match, in file and line order. A fact a rule waits on comes
     * from these; through a {@code not}, what they insert stands in a rule's way instead.
     */
    List<String> producersOf(DrlOutline.Pattern pattern) {
        List<String> rules = new ArrayList<>();
        for (Node node : nodes.values()) {
            if (canFeed(node, pattern)) {
                rules.add(node.name());
            }
        }
        return rules;
    }

    /** Every rule that could lead to any of these rules firing, through the facts it inserts, the rules included. */
    Set<String> withUpstream(Collection<String> rules) {
        Set<String> found = new LinkedHashSet<>(rules);
        Deque<String> todo = new ArrayDeque<>(rules);
        while (!todo.isEmpty()) {
            Node node = nodes.get(todo.pop());
            for (DrlOutline.Pattern pattern : node.declaration().patterns()) {
                if (pattern.negated()) {
                    continue; // what a "not" forbids does not lead to the rule
                }
                for (String producer : producersOf(pattern)) {
                    if (found.add(producer)) {
                        todo.push(producer);
                    }
                }
            }
        }
        return found;
    }

    Set<CauseCode> couldConclude(String rule) {
        return couldConclude.getOrDefault(rule, Set.of());
    }

    Set<AdviceCode> couldAdvise(String rule) {
        return couldAdvise.getOrDefault(rule, Set.of());
    }

    Set<AdviceCode> couldWithhold(String rule) {
        return couldWithhold.getOrDefault(rule, Set.of());
    }

    /** The rule and every rule its inserts can make fire, directly or further on. */
    private Set<String> reachableFrom(String rule) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(rule));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (reached.add(next)) {
                todo.addAll(consumers.getOrDefault(next, List.of()));
            }
        }
        return reached;
    }

    /**
     * Whether a fact the rule inserts could match the pattern: the same type, and no constant comparison
     * of the pattern contradicts an argument the consequence names ({@code cause == CauseCode.X} against
     * evidence for cause Y). What cannot be told from the code is taken as a possible match.
     */
    private static boolean canFeed(Node producer, DrlOutline.Pattern pattern) {
        for (ConsequenceOutline.Insert insert : producer.inserts()) {
            if (insert.type().equals(pattern.simpleType()) && pattern.constraints().stream()
                    .allMatch(constraint -> constraint.parsed() == null || Compatibility.allows(constraint.parsed(), insert.arguments()))) {
                return true;
            }
        }
        return false;
    }

    private static <E extends Enum<E>> java.util.Optional<E> constant(Class<E> type, ConsequenceOutline.Insert insert,
                                                                     Class<?> insertedType, String parameter) {
        if (!insert.type().equals(insertedType.getSimpleName())) {
            return java.util.Optional.empty();
        }
        String value = insert.arguments().get(parameter);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return java.util.Optional.of(constant);
            }
        }
        return java.util.Optional.empty();
    }

    /** The request inputs a rule's patterns use, in the order written. */
    static List<String> inputsOf(DrlOutline.RuleDeclaration rule) {
        Set<String> inputs = new LinkedHashSet<>();
        for (DrlOutline.Pattern pattern : rule.patterns()) {
            InputSection.ofType(pattern.simpleType()).ifPresent(section -> inputs.addAll(inputsOf(section, pattern)));
        }
        return List.copyOf(inputs);
    }

    /** The inputs one pattern on an input fact uses. */
    static List<String> inputsOf(InputSection section, DrlOutline.Pattern pattern) {
        List<ConstraintPart> parts = ConstraintPart.of(pattern);
        Set<String> inputs = new LinkedHashSet<>();
        switch (section.shape()) {
            case LIST -> inputs.add(section.path());
            case KEYED_LIST -> {
                for (ConstraintPart part : parts) {
                    for (ConstraintPart.Comparison comparison : part.comparisons()) {
                        if (comparison.field().equals(section.key()) && comparison.operator().equals("==")) {
                            inputs.add(section.keyedInput(comparison.value()));
                        }
                    }
                }
                if (inputs.isEmpty()) {
                    inputs.add(section.path());
                }
            }
            case FIELDS -> {
                for (ConstraintPart part : parts) {
                    part.referencedFields(section.fields()).forEach(field -> inputs.add(section.fieldInput(field)));
                }
                if (inputs.isEmpty()) {
                    inputs.add(section.path());
                }
            }
        }
        return List.copyOf(inputs);
    }

    /** Names sorted for stable output. */
    static <E extends Enum<E>> List<String> names(Set<E> constants) {
        Set<String> sorted = new TreeSet<>();
        constants.forEach(c -> sorted.add(c.name()));
        return List.copyOf(sorted);
    }
}
