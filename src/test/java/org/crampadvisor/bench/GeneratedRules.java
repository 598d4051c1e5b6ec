package org.crampadvisor.bench;

import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetBuildException;
import org.crampadvisor.engine.RulesetCompiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The shipped rules plus generated ones, to see how reload and evaluation cost grow with the size of a
 * ruleset. Each generated rule is a lab check like the shipped ones (analyte and a limit), with its own
 * limit so that Drools cannot share its nodes; the limits lie outside the plausible range, so the
 * generated rules are evaluated on every lab but never fire and never change an answer.
 */
public final class GeneratedRules {

    private record Lab(String analyte, double plausibleMin) {
    }

    private static final List<Lab> LABS = List.of(new Lab("potassium", 1), new Lab("sodium", 100),
            new Lab("magnesium", 0.1), new Lab("calcium", 0.5), new Lab("vitamin-d", 1));

    private GeneratedRules() {
    }

    /** A copy of the shipped rules folder with {@code totalRules} rules in all. */
    public static Path folder(Path target, int totalRules) {
        Path folder = RulesFolderCopy.of(RulesFolderFixture.RULES, target);
        int shipped = RulesFolderFixture.ruleset().rules().size();
        int extra = totalRules - shipped;
        if (extra < 0) {
            throw new IllegalArgumentException("the shipped ruleset already has " + shipped + " rules");
        }
        StringBuilder drl = new StringBuilder("""
                package causes;

                import org.crampadvisor.model.*;

                // Generated for benchmarks: lab checks that never fire on plausible values.

                """);
        for (int i = 1; i <= extra; i++) {
            Lab lab = LABS.get(i % LABS.size());
            String limit = String.format(Locale.ROOT, "%.6f", lab.plausibleMin() * (1 - i / (extra + 1.0) / 2));
            drl.append(String.format(Locale.ROOT, """
                    rule "Generated check %d: %s below %s"
                        @description("Generated for benchmarks.")
                        @source("Electrolyte Imbalance")
                    when
                        $lab : LabResult( analyte == "%s", canonicalValue < %s )
                    then
                        insert( CauseEvidence.likely( CauseCode.ELECTROLYTE_IMBALANCE, "generated-%d", Basis.LAB_VALUE,
                                "Generated check %d" ) );
                    end

                    """, i, lab.analyte(), limit, lab.analyte(), limit, i, i));
        }
        try {
            Files.writeString(folder.resolve("causes/generated.drl"), drl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    public static Ruleset compile(Path folder) {
        try {
            return new RulesetCompiler().compile(folder);
        } catch (RulesetBuildException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
