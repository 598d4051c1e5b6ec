package org.crampadvisor.evaluation;

import org.crampadvisor.engine.ReferenceData;
import org.crampadvisor.engine.TraceEntry;
import org.crampadvisor.engine.TracedFact;
import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.AdviceReason;
import org.crampadvisor.model.AdviceWithheld;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.model.CauseEvidence;
import org.crampadvisor.model.Certainty;
import org.crampadvisor.model.Condition;
import org.crampadvisor.model.HerbalSupplement;
import org.crampadvisor.model.Medication;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gathers what the rules inserted into one answer: each cause and each piece of advice once, with every
 * finding, reason and rule that supports it, and advice withheld with every reason and rule against it. It reads the trace, so the answer and its explanation
 * cannot disagree.
 */
final class RecommendationAssembler {

    private RecommendationAssembler() {
    }

    private static final class CauseBuilder {
        Certainty certainty;
        final Set<String> findings = new LinkedHashSet<>();
        final Set<String> rules = new LinkedHashSet<>();
    }

    private static final class ReasonsBuilder {
        final Set<String> because = new LinkedHashSet<>();
        final Set<String> rules = new LinkedHashSet<>();

        void add(String reason, TraceEntry firing) {
            because.add(reason);
            rules.add(firing.rule());
        }
    }

    static List<Recommendation.Cause> causes(List<TraceEntry> trace) {
        // Ordered by code name, as SPEC section 3 asks, so equal input gives an equal answer.
        Map<String, CauseBuilder> byCode = new TreeMap<>();
        for (TraceEntry firing : trace) {
            for (TracedFact fact : firing.inserted()) {
                if (fact.fact() instanceof CauseEvidence evidence) {
                    CauseBuilder cause = byCode.computeIfAbsent(evidence.cause().name(), c -> new CauseBuilder());
                    cause.certainty = cause.certainty == null ? evidence.certainty()
                            : Certainty.strongest(cause.certainty, evidence.certainty());
                    cause.findings.add(evidence.text());
                    cause.rules.add(firing.rule());
                }
            }
        }
        List<Recommendation.Cause> causes = new ArrayList<>();
        byCode.forEach((code, cause) -> {
            CauseCode causeCode = CauseCode.valueOf(code);
            causes.add(new Recommendation.Cause(causeCode, causeCode.title(), cause.certainty,
                    List.copyOf(cause.findings), List.copyOf(cause.rules)));
        });
        return causes;
    }

    /** The advice given and the advice withheld, each ordered by code. */
    record AdviceOutcome(List<Recommendation.Advice> given, List<Recommendation.Withheld> withheld) {
    }

    /**
     * Gathers the reasons for each piece of advice, and the contraindications against it: advice with a
     * reason and a contraindication is withheld; a contraindication against advice that no rule gave is
     * not listed, since nothing was held back.
     */
    static AdviceOutcome advice(List<TraceEntry> trace, ReferenceData reference) {
        Map<String, ReasonsBuilder> reasons = new TreeMap<>();
        Map<String, ReasonsBuilder> contraindications = new TreeMap<>();
        for (TraceEntry firing : trace) {
            for (TracedFact fact : firing.inserted()) {
                if (fact.fact() instanceof AdviceReason reason) {
                    reasons.computeIfAbsent(reason.advice().name(), c -> new ReasonsBuilder()).add(reason.because(), firing);
                } else if (fact.fact() instanceof AdviceWithheld withheld) {
                    contraindications.computeIfAbsent(withheld.advice().name(), c -> new ReasonsBuilder())
                            .add(withheld.because(), firing);
                }
            }
        }
        List<Recommendation.Advice> given = new ArrayList<>();
        List<Recommendation.Withheld> withheld = new ArrayList<>();
        reasons.forEach((code, builder) -> {
            AdviceCode adviceCode = AdviceCode.valueOf(code);
            ReasonsBuilder against = contraindications.get(code);
            if (against == null) {
                given.add(new Recommendation.Advice(adviceCode, reference.adviceTexts().get(adviceCode),
                        List.copyOf(builder.because), List.copyOf(builder.rules)));
            } else {
                withheld.add(new Recommendation.Withheld(adviceCode, List.copyOf(against.because),
                        List.copyOf(against.rules)));
            }
        });
        return new AdviceOutcome(given, withheld);
    }

    static List<Recommendation.Unrecognized> unrecognized(List<Object> facts) {
        List<Recommendation.Unrecognized> unrecognized = new ArrayList<>();
        for (Object fact : facts) {
            if (fact instanceof Condition c && !c.recognized()) {
                unrecognized.add(new Recommendation.Unrecognized(c.field(), c.name()));
            } else if (fact instanceof Medication m && !m.recognized()) {
                unrecognized.add(new Recommendation.Unrecognized(m.field() + ".name", m.name()));
            } else if (fact instanceof HerbalSupplement s && !s.recognized()) {
                unrecognized.add(new Recommendation.Unrecognized(s.field(), s.name()));
            }
        }
        return unrecognized;
    }
}
