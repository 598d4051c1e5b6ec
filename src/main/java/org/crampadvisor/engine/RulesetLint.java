package org.crampadvisor.engine;

import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.CauseCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The conventions a rule author must keep, beyond what the compiler checks: every rule says what it
 * does and where the knowledge comes from, rule names are unique (they name rules in traces, scenarios
 * and metrics), and rules produce only the service's cause and advice codes (docs/knowledge.md).
 */
public final class RulesetLint {

    static final List<String> REQUIRED_METADATA = List.of("description", "source");

    /** {@code CauseCode.X} or {@code AdviceCode.X}, also fully qualified, with what follows it. */
    private static final Pattern CODE_REFERENCE =
            Pattern.compile("\\b(CauseCode|AdviceCode)\\s*\\.\\s*([A-Za-z_$][A-Za-z0-9_$]*)(\\s*\\()?");

    private static final Map<String, Set<String>> CODES = Map.of(
            "CauseCode", Arrays.stream(CauseCode.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet()),
            "AdviceCode", Arrays.stream(AdviceCode.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet()));

    private RulesetLint() {
    }

    /** Every convention broken, each located at the rule (or the line of its consequence) that breaks it. */
    public static List<RulesetProblem> check(List<DrlOutline.RuleDeclaration> rules) {
        List<RulesetProblem> problems = new ArrayList<>();
        Map<String, DrlOutline.RuleDeclaration> firstByName = new HashMap<>();
        for (DrlOutline.RuleDeclaration rule : rules) {
            for (String key : REQUIRED_METADATA) {
                Object value = rule.annotations().get(key);
                if (value == null || value.toString().isBlank()) {
                    problems.add(RulesetProblem.inRule(rule.file(), rule.line(), rule.name(),
                            "has no @" + key + "(\"...\"); every rule needs " + describeRequired()));
                }
            }
            DrlOutline.RuleDeclaration first = firstByName.putIfAbsent(rule.name(), rule);
            if (first != null) {
                problems.add(RulesetProblem.inRule(rule.file(), rule.line(), rule.name(),
                        "has the same name as the rule at " + first.file() + ":" + first.line()
                                + "; rule names must be unique across the rules folder"));
            }
            checkCodes(rule, problems);
        }
        return problems;
    }

    private static void checkCodes(DrlOutline.RuleDeclaration rule, List<RulesetProblem> problems) {
        Matcher reference = CODE_REFERENCE.matcher(rule.consequence());
        while (reference.find()) {
            String type = reference.group(1);
            String constant = reference.group(2);
            boolean call = reference.group(3) != null;
            int line = rule.consequenceLine() + countLines(rule.consequence(), reference.start());
            String kind = type.equals("CauseCode") ? "cause" : "advice";
            if (call && constant.equals("valueOf")) {
                problems.add(RulesetProblem.inRule(rule.file(), line, rule.name(),
                        "chooses its " + kind + " code at run time (" + type + ".valueOf); name the code, e.g. "
                                + type + "." + CODES.get(type).stream().sorted().findFirst().orElseThrow()
                                + ", so that it can be checked"));
            } else if (!call && !CODES.get(type).contains(constant)) {
                problems.add(RulesetProblem.inRule(rule.file(), line, rule.name(),
                        "produces " + kind + " code " + constant + ", which the service does not know (docs/knowledge.md#"
                                + kind + "-codes); the "
                                + kind + " codes are " + CODES.get(type).stream().sorted().collect(Collectors.joining(", "))));
            }
        }
    }

    private static int countLines(String text, int end) {
        int lines = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static String describeRequired() {
        return REQUIRED_METADATA.stream().map(key -> "@" + key).collect(Collectors.joining(" and "));
    }
}
