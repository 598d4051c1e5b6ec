package org.crampadvisor.impact;

import org.crampadvisor.model.Certainty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An impact report in plain words, for the command line and for {@code Accept: text/plain}. */
public final class ImpactText {

    private static final Map<ImpactReport.Kind, String> KINDS = Map.of(
            ImpactReport.Kind.causeAdded, "a cause found that was not",
            ImpactReport.Kind.causeRemoved, "a cause no longer found",
            ImpactReport.Kind.certaintyChanged, "a cause's certainty changed",
            ImpactReport.Kind.adviceAdded, "advice given that was not",
            ImpactReport.Kind.adviceRemoved, "advice no longer given",
            ImpactReport.Kind.withheldAdded, "advice withheld that was not",
            ImpactReport.Kind.withheldRemoved, "advice no longer withheld");

    private ImpactText() {
    }

    public static String of(ImpactReport report) {
        StringBuilder out = new StringBuilder();
        line(out, "Candidate: %s", report.candidateVersion());
        line(out, "Active:    %s", report.activeVersion());
        line(out, "Window:    decisions since %s, newest first, at most %,d", report.since(), report.limit());
        double seconds = report.durationMillis() / 1000.0;
        long handled = report.compared() + report.notCompared().total();
        line(out, "Compared:  %,d decisions in %.1f s%s", report.compared(), seconds,
                seconds > 0 && handled > 0 ? String.format(Locale.ROOT, " (%,.0f decisions/s)", handled / seconds) : "");
        line(out, "Changed:   %,d%s", report.changed(), report.compared() == 0 ? ""
                : String.format(Locale.ROOT, " (%.1f %%)", 100.0 * report.changed() / report.compared()));

        ImpactReport.NotCompared notCompared = report.notCompared();
        if (notCompared.total() > 0) {
            out.append('\n');
            line(out, "Not compared: %,d", notCompared.total());
            if (notCompared.candidateFailed() > 0) {
                line(out, "  %,d the candidate could not evaluate: it would answer them with an error",
                        notCompared.candidateFailed());
            }
            if (notCompared.activeFailed() > 0) {
                line(out, "  %,d the active version could not evaluate", notCompared.activeFailed());
            }
            if (notCompared.unreadableRequest() > 0) {
                line(out, "  %,d stored requests no longer read as a request", notCompared.unreadableRequest());
            }
            line(out, "  e.g. %s", String.join(", ", notCompared.evaluationIds()));
        }

        ImpactReport.ByChange by = report.byChange();
        if (report.changed() > 0) {
            out.append("\nChanged decisions by kind of change (a decision may have several):\n");
            by.kinds().forEach((kind, count) -> {
                if (count > 0) {
                    line(out, "  %-32s %,8d", KINDS.get(kind), count);
                }
            });
            section(out, "Causes (decisions where the candidate finds it / no longer finds it / changes its certainty):");
            by.causes().forEach((code, n) -> line(out, "  %-32s %s", code, counts(n.added(), n.removed(), n.certaintyChanged())));
            codes(out, "Advice (decisions where the candidate gives it / no longer gives it):", by.advice());
            codes(out, "Withheld advice (decisions where the candidate withholds it / no longer withholds it):", by.withheld());
        }
        if (!by.rules().isEmpty()) {
            section(out, "Rules whose firing differs (compared decisions where only the candidate / only the active "
                    + "version fires it):");
            by.rules().forEach((rule, n) -> line(out, "  %s: %s", '"' + rule + '"', counts(n.added(), n.removed())));
        }

        if (!report.examples().isEmpty()) {
            out.append("\nChanged decisions, newest first (an auditor opens one with GET /api/v1/evaluations/{id}):\n");
            for (ImpactReport.Example example : report.examples()) {
                line(out, "  %s", example.evaluationId());
                line(out, "    before: %s", describe(example.before()));
                line(out, "    after:  %s", describe(example.after()));
            }
        }
        return out.toString();
    }

    private static void codes(StringBuilder out, String heading, Map<String, ImpactReport.Changes> counts) {
        if (counts.isEmpty()) {
            return;
        }
        section(out, heading);
        counts.forEach((code, n) -> line(out, "  %-32s %s", code, counts(n.added(), n.removed())));
    }

    private static String counts(long... numbers) {
        List<String> shown = new ArrayList<>();
        for (long n : numbers) {
            shown.add(String.format(Locale.ROOT, "%,d", n));
        }
        return String.join(" / ", shown);
    }

    private static String describe(ImpactReport.Conclusions conclusions) {
        List<String> causes = new ArrayList<>();
        for (Map.Entry<String, Certainty> cause : conclusions.causes().entrySet()) {
            causes.add(cause.getKey() + " (" + cause.getValue().code() + ")");
        }
        return (causes.isEmpty() ? "no cause" : String.join(", ", causes))
                + "; advice " + (conclusions.advice().isEmpty() ? "none" : String.join(", ", conclusions.advice()))
                + (conclusions.withheld().isEmpty() ? "" : "; withheld " + String.join(", ", conclusions.withheld()));
    }

    private static void section(StringBuilder out, String heading) {
        out.append('\n').append(heading).append('\n');
    }

    private static void line(StringBuilder out, String format, Object... arguments) {
        out.append(String.format(Locale.ROOT, format, arguments)).append('\n');
    }
}
