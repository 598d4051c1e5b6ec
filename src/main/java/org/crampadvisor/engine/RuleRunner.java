package org.crampadvisor.engine;

import org.crampadvisor.model.AdviceReason;
import org.crampadvisor.model.CauseEvidence;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

import java.util.List;

/**
 * Runs one evaluation: a new session of the ruleset, its thresholds and the given facts inserted, all
 * rules fired, every firing traced, the session disposed.
 */
public final class RuleRunner {

    /**
     * More firings than this means a rule keeps re-triggering itself; the evaluation is stopped rather
     * than left to spin. The shipped rules fire a few dozen times at most.
     */
    static final int MAX_FIRINGS = 10_000;

    private RuleRunner() {
    }

    /** Fires the ruleset's rules on the facts, inserted in the order given, and returns the trace. */
    public static List<TraceEntry> run(Ruleset ruleset, List<?> facts) {
        return runThenInspect(ruleset, ruleset.kieBase(), facts, (settled, ids, trace) -> null).trace();
    }

    /**
     * What a traced run gives, and what was read from its session once all rules had fired.
     *
     * @param trace      every firing, as {@link #run} gives it
     * @param inspection what {@code inspect} read from the settled session
     */
    public record Inspected<T>(List<TraceEntry> trace, T inspection) {
    }

    /**
     * Fires the ruleset's rules on the facts as {@link #run} does, but in a session of {@code kieBase}, a
     * KieBase compiled from the same rules with queries of its own beside them (see explain.WhyNotProbes);
     * then, before the session is disposed, lets {@code inspect} query the settled session. Fact ids are the
     * trace's: the same fact has the same id in the trace and in what {@code inspect} sees.
     */
    public static <T> Inspected<T> runThenInspect(Ruleset ruleset, KieBase kieBase, List<?> facts,
                                                  Inspection<T> inspect) {
        TraceCollector trace = new TraceCollector(ruleset);
        KieSession session = kieBase.newKieSession();
        try {
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) trace);
            session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) trace);
            insertAll(session, ruleset, facts);
            int fired = session.fireAllRules(MAX_FIRINGS);
            if (fired >= MAX_FIRINGS) {
                throw new RuleLoopException(MAX_FIRINGS, trace.entries());
            }
            return new Inspected<>(trace.entries(), inspect.inspect(session, trace::idOf, trace.entries()));
        } finally {
            session.dispose();
        }
    }

    /** Reads a session once all rules have fired, before it is disposed. */
    @FunctionalInterface
    public interface Inspection<T> {
        T inspect(KieSession settled, FactIds ids, List<TraceEntry> trace);
    }

    /** The trace's id of a fact in working memory, as {@link TracedFact#id()} shows it. */
    @FunctionalInterface
    public interface FactIds {
        /** The fact's id, or 0 for an object the session never held. */
        int idOf(Object fact);
    }

    /**
     * The same run without the trace listeners: only the conclusions (the facts rules inserted) come
     * back. What an answer costs without its explanation; the service always traces.
     */
    public static List<Object> runUntraced(Ruleset ruleset, List<?> facts) {
        KieSession session = ruleset.newSession();
        try {
            insertAll(session, ruleset, facts);
            if (session.fireAllRules(MAX_FIRINGS) >= MAX_FIRINGS) {
                throw new RuleLoopException(MAX_FIRINGS, List.of());
            }
            return List.copyOf(session.getObjects(fact -> fact instanceof CauseEvidence || fact instanceof AdviceReason));
        } finally {
            session.dispose();
        }
    }

    /** Thresholds first, then the facts in the order given: the same order gives the same trace. */
    private static void insertAll(KieSession session, Ruleset ruleset, List<?> facts) {
        for (Object threshold : ruleset.reference().thresholds()) {
            session.insert(threshold);
        }
        for (Object fact : facts) {
            session.insert(fact);
        }
    }

    /** The rules fired without end: a rule author's mistake, reported with the rules that kept firing. */
    public static final class RuleLoopException extends RuntimeException {

        RuleLoopException(int limit, List<TraceEntry> trace) {
            super("the rules fired " + limit + " times without settling" + (trace.isEmpty() ? ""
                    : "; the last rule to fire was '" + trace.get(trace.size() - 1).rule()
                    + "', which probably re-triggers itself"));
        }
    }
}
