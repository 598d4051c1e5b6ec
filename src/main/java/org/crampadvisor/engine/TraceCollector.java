package org.crampadvisor.engine;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records every rule firing of one session: the rule, the facts it matched and the facts it inserted.
 * It listens to the engine, so a rule author writes no tracing code. One collector per session: it is
 * not thread-safe, and a session fires on one thread.
 */
final class TraceCollector extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    private final Ruleset ruleset;
    private final Map<Object, Integer> factIds = new IdentityHashMap<>();
    private final List<TraceEntry> entries = new ArrayList<>();
    private Firing current;

    private record Firing(RuleInfo rule, String pkg, String name, List<TracedFact> matched, List<TracedFact> inserted) {
    }

    TraceCollector(Ruleset ruleset) {
        this.ruleset = ruleset;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Match match = event.getMatch();
        List<TracedFact> matched = new ArrayList<>();
        for (Object fact : match.getObjects()) {
            if (!isEngineInternal(fact)) {
                matched.add(traced(fact));
            }
        }
        String pkg = match.getRule().getPackageName();
        String name = match.getRule().getName();
        current = new Firing(ruleset.rule(pkg, name), pkg, name, matched, new ArrayList<>());
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Firing firing = current;
        current = null;
        RuleInfo rule = firing.rule();
        entries.add(new TraceEntry(entries.size() + 1, firing.name(), firing.pkg(),
                rule == null ? null : rule.file(), rule == null ? Map.of() : rule.metadata(),
                List.copyOf(firing.matched()), List.copyOf(firing.inserted())));
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        TracedFact fact = traced(event.getObject());
        if (current != null && event.getRule() != null) {
            current.inserted().add(fact);
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // Facts are immutable records; an update carries nothing new to trace.
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // Deletions do not change what was concluded before them; the firing that deleted is traced.
    }

    List<TraceEntry> entries() {
        return List.copyOf(entries);
    }

    /** A rule whose only pattern is {@code not X()} matches the engine's own initial fact, which is no input. */
    private static boolean isEngineInternal(Object fact) {
        return fact.getClass().getName().startsWith("org.drools.");
    }

    private TracedFact traced(Object fact) {
        int id = factIds.computeIfAbsent(fact, f -> factIds.size() + 1);
        return new TracedFact(id, fact.getClass().getSimpleName(), fact);
    }
}
