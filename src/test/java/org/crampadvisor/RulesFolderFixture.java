package org.crampadvisor;

import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetBuildException;
import org.crampadvisor.engine.RulesetCompiler;

import java.nio.file.Path;

/**
 * The rules the Java tests run on: a frozen copy of the shipped folder under src/test/resources, so
 * that a clinician's edit to rules/ can break a scenario but never a Java test. Only
 * ShippedScenariosTest uses the shipped folder itself.
 */
public final class RulesFolderFixture {

    public static final Path RULES = Path.of("src/test/resources/rules");
    public static final Path SHIPPED = Path.of("rules");

    private static Ruleset fixture;
    private static Ruleset shipped;

    private RulesFolderFixture() {
    }

    /** The test rules, compiled once for every plain (non-Quarkus) test that needs them. */
    public static synchronized Ruleset ruleset() {
        if (fixture == null) {
            fixture = compile(RULES);
        }
        return fixture;
    }

    /** The shipped rules, for the shipped scenarios. */
    public static synchronized Ruleset shippedRuleset() {
        if (shipped == null) {
            shipped = compile(SHIPPED);
        }
        return shipped;
    }

    private static Ruleset compile(Path folder) {
        try {
            return new RulesetCompiler().compile(folder);
        } catch (RulesetBuildException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
