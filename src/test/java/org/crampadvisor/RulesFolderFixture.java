package org.crampadvisor;

import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetBuildException;
import org.crampadvisor.engine.RulesetCompiler;

import java.nio.file.Path;

/** The shipped rules folder, compiled once for every plain (non-Quarkus) test that needs it. */
public final class RulesFolderFixture {

    public static final Path RULES = Path.of("rules");

    private static Ruleset shipped;

    private RulesFolderFixture() {
    }

    public static synchronized Ruleset shippedRuleset() {
        if (shipped == null) {
            try {
                shipped = new RulesetCompiler().compile(RULES);
            } catch (RulesetBuildException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        }
        return shipped;
    }
}
