package org.crampadvisor.explain;

import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.CauseCode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every input a ruleset's rules can use, each with what it could lead to, worked out once per ruleset
 * and ordered as SPEC section 3 asks (most causes first, then most rules, then the input). An answer's
 * {@code missingInputs} is this list without the inputs the request gave: a filter, so that it costs
 * next to nothing per evaluation.
 */
final class MissingInputs {

    private final List<MissingInput> candidates;

    MissingInputs(RuleLinks links, Labels labels) {
        Map<String, List<String>> rulesByInput = new LinkedHashMap<>();
        for (RuleLinks.Node node : links.nodes()) {
            node.inputs().forEach(input -> rulesByInput.computeIfAbsent(input, i -> new ArrayList<>()).add(node.name()));
        }
        List<MissingInput> all = new ArrayList<>();
        rulesByInput.forEach((input, rules) -> {
            Set<CauseCode> causes = EnumSet.noneOf(CauseCode.class);
            Set<AdviceCode> advice = EnumSet.noneOf(AdviceCode.class);
            Set<AdviceCode> withheld = EnumSet.noneOf(AdviceCode.class);
            for (String rule : rules) {
                causes.addAll(links.couldConclude(rule));
                advice.addAll(links.couldAdvise(rule));
                withheld.addAll(links.couldWithhold(rule));
            }
            all.add(new MissingInput(input, labels.of(input), RuleLinks.names(causes), RuleLinks.names(advice),
                    RuleLinks.names(withheld), List.copyOf(rules)));
        });
        all.sort(Comparator.comparingInt((MissingInput m) -> -m.couldConclude().size())
                .thenComparingInt(m -> -m.rules().size())
                .thenComparing(MissingInput::input));
        this.candidates = List.copyOf(all);
    }

    /** Every input the rules use, in answer order. */
    List<MissingInput> all() {
        return candidates;
    }

    /** The inputs the rules use that are not among {@code given}, in answer order. */
    List<MissingInput> notIn(Set<String> given) {
        List<MissingInput> missing = new ArrayList<>(candidates.size());
        for (MissingInput candidate : candidates) {
            if (!given.contains(candidate.input())) {
                missing.add(candidate);
            }
        }
        return missing;
    }
}
