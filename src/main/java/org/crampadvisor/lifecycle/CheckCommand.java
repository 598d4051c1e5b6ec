package org.crampadvisor.lifecycle;

import org.crampadvisor.engine.RuleCoverage;
import org.crampadvisor.engine.RuleInfo;
import org.crampadvisor.engine.RulesetProblem;
import org.crampadvisor.scenario.ScenarioResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The authors' check, without a server: {@code scripts/check-rules [folder]}. Applies the reload gate
 * to a rules folder and prints, in plain words, every problem, each scenario's result and which
 * scenarios make each rule fire. Exits 0 when the folder would be activated, 1 when it would be
 * refused, 2 when called wrongly. With {@code --explain FILE.json} it evaluates one request file on the
 * folder instead and explains the answer (see {@link ExplainCommand}).
 */
public final class CheckCommand {

    static final int READY = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;

    private CheckCommand() {
    }

    public static void main(String[] args) {
        // The libraries' progress messages are not for rule authors; their warnings are.
        Logger.getLogger("").setLevel(Level.WARNING);
        System.exit(run(args, System.out));
    }

    static final String USAGE_TEXT = """
            usage: scripts/check-rules [rules-folder]
                     check a rules folder as the service would before activating it (default: rules)
                   scripts/check-rules --explain FILE.json [--json] [rules-folder]
                     evaluate one request on the folder and explain it: causes and advice, why each absent
                     cause is absent, and what the request did not give that the rules could use""";

    static int run(String[] args, PrintStream out) {
        if (args.length >= 1 && args[0].equals("--explain")) {
            List<String> rest = new java.util.ArrayList<>(List.of(args).subList(1, args.length));
            boolean asJson = rest.remove("--json");
            if (rest.isEmpty() || rest.size() > 2 || rest.stream().anyMatch(a -> a.startsWith("-"))) {
                out.println(USAGE_TEXT);
                return USAGE;
            }
            return ExplainCommand.run(Path.of(rest.get(0)), Path.of(rest.size() == 2 ? rest.get(1) : "rules"), asJson, out);
        }
        if (args.length > 1 || (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")))) {
            out.println(USAGE_TEXT);
            return USAGE;
        }
        Path folder = Path.of(args.length == 1 ? args[0] : "rules");
        GateReport report = new RulesetGate().check(folder);
        print(report, out);
        return report.passed() ? READY : REFUSED;
    }

    public static void print(GateReport report, PrintStream out) {
        out.println("Checking the rules folder " + report.folder());
        if (report.candidateVersion() != null) {
            out.println("Version: " + report.candidateVersion());
        }
        if (report.ruleset() != null) {
            out.println("Compiled: " + report.ruleset().rules().size() + " rules in "
                    + report.ruleset().files().stream().filter(f -> f.isDrl()).count() + " rule files");
        } else {
            out.println("Compiled: no, see the problems below");
        }

        if (!report.scenarios().isEmpty()) {
            out.println();
            out.println("Scenarios: " + report.scenariosPassed() + " passed, " + report.scenariosFailed() + " failed");
            for (ScenarioResult scenario : report.scenarios()) {
                out.println("  " + (scenario.passed() ? "PASS" : "FAIL") + "  " + scenario.file() + "  " + scenario.name());
                for (String failure : scenario.failures()) {
                    out.println("          " + failure);
                }
            }
        }

        if (report.ruleset() != null) {
            RuleCoverage coverage = report.ruleset().coverage();
            List<RuleInfo> rules = report.ruleset().rules();
            long covered = rules.stream().filter(r -> !coverage.scenariosFiring(r.name()).isEmpty()).count();
            out.println();
            out.println("Coverage: " + covered + " of " + rules.size() + " rules fire in at least one scenario");
            for (RuleInfo rule : rules) {
                List<RuleCoverage.Scenario> firing = coverage.scenariosFiring(rule.name());
                out.println("  " + (firing.isEmpty() ? "NONE" : String.format("%4d", firing.size())) + "  \""
                        + rule.name() + "\" (" + rule.file() + ":" + rule.line() + ")"
                        + (firing.isEmpty() ? "" : ": " + describe(firing)));
            }
        }

        printProblems("Warnings", report.warnings(), out);
        printProblems("Problems", report.errors(), out);
        out.println();
        if (report.passed()) {
            out.println("Result: PASSED. The service would activate this folder.");
        } else {
            out.println("Result: REFUSED, " + report.errors().size() + " problem(s). The service would keep its "
                    + "current rules.");
        }
    }

    private static String describe(List<RuleCoverage.Scenario> scenarios) {
        int shown = Math.min(3, scenarios.size());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            String file = scenarios.get(i).file();
            text.append(i == 0 ? "" : ", ").append(file.substring(file.lastIndexOf('/') + 1));
        }
        if (scenarios.size() > shown) {
            text.append(" and ").append(scenarios.size() - shown).append(" more");
        }
        return text.toString();
    }

    private static void printProblems(String heading, List<RulesetProblem> problems, PrintStream out) {
        if (problems.isEmpty()) {
            return;
        }
        out.println();
        out.println(heading + " (" + problems.size() + "):");
        for (RulesetProblem problem : problems) {
            out.println("  [" + problem.check().code() + "] " + problem);
        }
    }
}
