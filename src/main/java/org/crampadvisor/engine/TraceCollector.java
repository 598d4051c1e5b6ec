package org.crampadvisor.engine;

import org.crampadvisor.model.CauseEvidence;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records every rule firing of one session: the rule, the facts it matched and the facts it inserted.
 * It listens to the engine, so a rule author writes no tracing code; it also puts each finding into
 * words from the findings table, with the facts the inserting rule matched. One collector per session: it is
 * not thread-safe, and a session fires on one thread.
 */
final class TraceCollector extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    private final Ruleset ruleset;
    // One TracedFact per fact, numbered in the order first seen; the same fact matched again is the same entry.
    private final Map<Object, TracedFact> traced = new IdentityHashMap<>(64);
    private final List<TraceEntry> entries = new ArrayList<>();
    private RuleInfo currentRule;
    private String currentPkg;
    private String currentName;
    private List<TracedFact> currentMatched;
    private List<TracedFact> currentInserted;

    TraceCollector(Ruleset ruleset) {
        this.ruleset = ruleset;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Match match = event.getMatch();
        List<Object> objects = match.getObjects();
        List<TracedFact> matched = new ArrayList<>(objects.size());
        for (Object fact : objects) {
            if (!isEngineInternal(fact)) {
                matched.add(traced(fact, fact));
            }
        }
        currentPkg = match.getRule().getPackageName();
        currentName = match.getRule().getName();
        currentRule = ruleset.rule(match.getRule());
        currentMatched = matched;
        currentInserted = new ArrayList<>(2);
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        RuleInfo rule = currentRule;
        entries.add(new TraceEntry(entries.size() + 1, currentName, currentPkg,
                rule == null ? null : rule.file(), rule == null ? Map.of() : rule.metadata(),
                Collections.unmodifiableList(currentMatched), Collections.unmodifiableList(currentInserted)));
        currentMatched = null;
        currentInserted = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        Object inserted = event.getObject();
        boolean byRule = currentInserted != null && event.getRule() != null;
        TracedFact fact = byRule && inserted instanceof CauseEvidence evidence && evidence.text() == null
                ? traced(inserted, evidence.withText(wording(evidence)))
                : traced(inserted, inserted);
        if (byRule) {
            currentInserted.add(fact);
        }
    }

    /** The finding in words: its template from the findings table, filled from the facts the rule matched. */
    private String wording(CauseEvidence evidence) {
        FindingTemplate template = ruleset.reference().findingTemplates().get(evidence.finding());
        if (template == null) {
            return evidence.finding(); // the gate refuses such a ruleset; never fail an evaluation over wording
        }
        List<Object> matchedFacts = new ArrayList<>(currentMatched.size());
        currentMatched.forEach(matched -> matchedFacts.add(matched.fact()));
        return template.render(matchedFacts);
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // Facts are immutable records; an update carries nothing new to trace.
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // Deletions do not change what was concluded before them; the firing that deleted is traced.
    }

    /** The id the trace gives a fact seen in this session, or 0. */
    int idOf(Object fact) {
        TracedFact known = traced.get(fact);
        return known == null ? 0 : known.id();
    }

    List<TraceEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** A rule whose only pattern is {@code not X()} matches the engine's own initial fact, which is no input. */
    private static boolean isEngineInternal(Object fact) {
        return fact.getClass().getName().startsWith("org.drools.");
    }

    /** The fact's trace entry, made on first sight; {@code shown} is what the trace shows of it. */
    private TracedFact traced(Object fact, Object shown) {
        TracedFact known = traced.get(fact);
        if (known == null) {
            known = new TracedFact(traced.size() + 1, fact.getClass().getSimpleName(), shown);
            traced.put(fact, known);
        }
        return known;
    }
}
