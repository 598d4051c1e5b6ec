package org.crampadvisor.impact;

import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.lifecycle.GateReport;
import org.crampadvisor.lifecycle.RulesetGate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Candidate rules folders: copies of the test rules under target/, edited as a rule author would. */
public final class Candidates {

    static final String THRESHOLDS = "tables/thresholds.csv";
    static final String POTASSIUM_LOW = "potassium.low,3.5,";
    static final String POTASSIUM_RULE = "Low serum potassium";

    private Candidates() {
    }

    static Path copy(String name) {
        return RulesFolderCopy.of(RulesFolderFixture.RULES,
                Path.of("target", "impact-tests", name + "-" + UUID.randomUUID()).toAbsolutePath());
    }

    /** The clinician's edit of the README's walk-through: potassium is low below 3.4 mmol/L instead of 3.5. */
    public static Path potassiumLowAt3point4() {
        Path folder = copy("potassium-3.4");
        RulesFolderCopy.replace(folder, THRESHOLDS, POTASSIUM_LOW, "potassium.low,3.4,");
        return folder;
    }

    /** Only words change: a rule's description and name (in its scenarios too), an advice text, a finding's text. */
    static Path rewordedOnly() {
        Path folder = copy("reworded");
        RulesFolderCopy.replace(folder, "causes/electrolyte-imbalance.drl",
                "A serum potassium below the lower limit is an electrolyte imbalance that can make muscles cramp.",
                "Too little potassium in the blood upsets the muscles' electrical balance, and they cramp.");
        renameEverywhere(folder, POTASSIUM_RULE, "Serum potassium below the lower limit");
        RulesFolderCopy.replace(folder, "tables/advice.csv", "Drink water regularly through the day",
                "Drink water steadily through the day");
        RulesFolderCopy.replace(folder, "tables/findings.csv", "low-potassium,Serum potassium {value} is below {limit}",
                "low-potassium,Serum potassium of {value} is under the limit of {limit}");
        return folder;
    }

    public static Ruleset passingGate(Path folder) {
        GateReport report = new RulesetGate().check(folder);
        assertThat(report.errors()).as("the candidate passes its gate").isEmpty();
        assertThat(report.passed()).isTrue();
        return report.ruleset();
    }

    private static void renameEverywhere(Path folder, String from, String to) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                if (text.contains(from)) {
                    Files.writeString(file, text.replace(from, to));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
