package org.crampadvisor.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A ruleset that cannot be used, with every problem found in it. */
public class RulesetBuildException extends Exception {

    private final List<RulesetProblem> problems;

    public RulesetBuildException(List<RulesetProblem> problems) {
        super("The ruleset has " + problems.size() + " problem(s):\n  "
                + problems.stream().map(RulesetProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<RulesetProblem> problems() {
        return problems;
    }
}
