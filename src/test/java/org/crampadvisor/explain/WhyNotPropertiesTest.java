package org.crampadvisor.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.RuleRunner;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.FactMapper;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.evaluation.RequestInputs;
import org.crampadvisor.model.CauseCode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of why-not over random requests (values near every limit, sections and fields present or
 * not, lists empty or not): a cause is in {@code whyNot} exactly when it is not concluded; asking why not
 * never changes the answer; and where a rule's only unmet conditions are missing inputs, giving those
 * inputs with values that meet its conditions makes it fire.
 *
 * <p>Each case draws its request from a {@link Random} with a seed of its own, derived from the property's
 * fixed seed, so every run tries the same requests; a failure names the case's seed and its request, and
 * {@link #request(long)} with that seed gives the request back.
 */
class WhyNotPropertiesTest {

    private static final int CASES = 200;
    private static final Evaluator EVALUATOR = new Evaluator(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            () -> UUID.fromString("0193c1f2-0000-7000-8000-000000000000"));

    private interface Property {
        /** Checks one request; false when the request says nothing about the property (not counted). */
        boolean check(ObjectNode request) throws Exception;
    }

    private static Ruleset ruleset() {
        return RulesFolderFixture.ruleset();
    }

    @Test
    void aCauseIsInWhyNotIfAndOnlyIfItIsNotConcluded() {
        forAll(20261127L, CASES, request -> {
            Recommendation answer = explain(request);
            Set<String> concluded = answer.causeCodes();
            Set<String> expected = Arrays.stream(CauseCode.values()).map(Enum::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            expected.removeAll(concluded);
            assertThat(answer.whyNot()).extracting(WhyNot::cause).containsExactlyElementsOf(expected);
            for (WhyNot whyNot : answer.whyNot()) {
                assertThat(whyNot.rules()).as(whyNot.cause()).isNotEmpty();
                assertThat(whyNot.rules()).allSatisfy(rule -> {
                    assertThat(rule.kind()).isIn(WhyNot.MISSING, WhyNot.NOT_MET, WhyNot.BLOCKED);
                    assertThat(rule.text()).isNotBlank();
                    assertThat(rule.input() != null).isEqualTo(rule.kind().equals(WhyNot.MISSING));
                });
            }
            return true;
        });
    }

    @Test
    void askingWhyNotNeverChangesTheAnswer() {
        forAll(20261128L, CASES / 2, request -> {
            EvaluationRequest parsed = RequestEdits.JSON.treeToValue(request, EvaluationRequest.class);
            ObjectNode explained = RequestEdits.JSON.valueToTree(EVALUATOR.evaluate(parsed, ruleset(), Evaluator.Explanation.WHY_NOT));
            explained.remove("whyNot");
            assertThat(explained.toString())
                    .isEqualTo(RequestEdits.JSON.valueToTree(EVALUATOR.evaluate(parsed, ruleset())).toString());
            return true;
        });
    }

    @Test
    void givingWhatARuleMissesWithValuesThatMeetItMakesItFire() {
        int checked = forAll(20261129L, CASES, request -> {
            Recommendation answer = explain(request);
            List<WhyNot.RuleWhyNot> missing = answer.whyNot().stream().flatMap(w -> w.rules().stream())
                    .filter(r -> r.kind().equals(WhyNot.MISSING)).distinct().toList();
            if (missing.isEmpty()) {
                return false;
            }
            WhyNot.RuleWhyNot chosen = missing.get(Math.floorMod(request.toString().hashCode(), missing.size()));
            var rule = Explanations.of(ruleset()).links().node(chosen.rule()).declaration();
            ObjectNode completed = request.deepCopy();
            WhyNot.RuleWhyNot now = chosen;
            // Follow the rule's missing inputs one by one, giving each a value that meets the rule's conditions.
            for (int step = 0; step < 6; step++) {
                if (!now.kind().equals(WhyNot.MISSING) // the rule had more than missing inputs in its way
                        || !RequestEdits.giveMeeting(completed, ruleset(), rule, now.input())) {
                    return false;
                }
                if (explain(completed).rulesFired().contains(chosen.rule())) {
                    return true;
                }
                now = whatStops(completed, chosen.rule());
            }
            throw new AssertionError(chosen.rule() + " did not fire once " + completed + " gave what it missed; it now says " + now);
        });
        // Most random requests leave some rule with only missing inputs in its way; a generator that stopped
        // producing them would make this property vacuous.
        assertThat(checked).as("cases where a rule only missed inputs").isGreaterThan(CASES / 4);
    }

    /** Runs the property on {@code cases} requests drawn from seeds derived from {@code seed}; returns how many counted. */
    private static int forAll(long seed, int cases, Property property) {
        Random seeds = new Random(seed);
        int counted = 0;
        for (int i = 0; i < cases; i++) {
            long caseSeed = seeds.nextLong();
            ObjectNode request = request(caseSeed);
            try {
                if (property.check(request)) {
                    counted++;
                }
            } catch (AssertionError | Exception e) {
                throw new AssertionError("case " + (i + 1) + " of " + cases + " failed (seed " + caseSeed + "L, property seed "
                        + seed + "L) on request " + request + ": " + e.getMessage(), e);
            }
        }
        return counted;
    }

    /** What stops one rule on this request, read from the settled session whatever the other rules concluded. */
    private static WhyNot.RuleWhyNot whatStops(JsonNode request, String rule) throws Exception {
        EvaluationRequest parsed = RequestEdits.JSON.treeToValue(request, EvaluationRequest.class);
        Explanations explanations = Explanations.of(ruleset());
        var given = RequestInputs.given(parsed);
        var run = RuleRunner.runThenInspect(ruleset(), explanations.diagnosticKieBase(),
                FactMapper.toFacts(parsed, ruleset().reference()),
                (session, ids, trace) -> trace.stream().anyMatch(f -> f.rule().equals(rule)) ? null
                        : new WhyNotExplainer(explanations, session, ids, given, trace).explainOne(rule));
        return run.inspection();
    }

    private static Recommendation explain(JsonNode request) throws Exception {
        return EVALUATOR.evaluate(RequestEdits.JSON.treeToValue(request, EvaluationRequest.class), ruleset(),
                Evaluator.Explanation.WHY_NOT);
    }

    // ---- random requests, with values on and around every limit

    private static final Object[][] LABS = {
            {"potassium", 3.1, "mmol/L"}, {"potassium", 3.5, "mmol/L"}, {"potassium", 4.2, "mEq/L"},
            {"potassium", 5.0, "mmol/L"}, {"potassium", 5.6, "mmol/L"},
            {"magnesium", 0.6, "mmol/L"}, {"magnesium", 0.7, "mmol/L"}, {"magnesium", 1.9, "mg/dL"},
            {"calcium", 2.0, "mmol/L"}, {"calcium", 2.15, "mmol/L"}, {"calcium", 9.5, "mg/dL"},
            {"sodium", 130.0, "mmol/L"}, {"sodium", 135.0, "mmol/L"}, {"sodium", 140.0, "mEq/L"},
            {"vitamin-d", 12.0, "ng/mL"}, {"vitamin-d", 20.0, "ng/mL"}, {"vitamin-d", 75.0, "nmol/L"}};

    /** The request case {@code seed} tries: each section and field left out with probability 0.4. */
    static ObjectNode request(long seed) {
        Random random = new Random(seed);
        ObjectNode request = RequestEdits.JSON.createObjectNode();
        if (given(random)) {
            ArrayNode labs = request.putArray("labs");
            for (int i = random.nextInt(5); i > 0; i--) {
                Object[] lab = LABS[random.nextInt(LABS.length)];
                labs.addObject().put("analyte", (String) lab[0]).put("value", (Double) lab[1]).put("unit", (String) lab[2]);
            }
        }
        if (given(random)) {
            ObjectNode hydration = request.putObject("hydration");
            putIfGiven(random, hydration, "fluidIntakeLitresPerDay", 0.5, 1.0, 1.5, 2.0, 3.0);
            putIfGiven(random, hydration, "heavySweating", true, false);
            putIfGiven(random, hydration, "dehydrationSigns", true, false);
        }
        if (given(random)) {
            ObjectNode activity = request.putObject("activity");
            putIfGiven(random, activity, "intensity", "none", "light", "moderate", "intense");
            putIfGiven(random, activity, "warmsUp", true, false);
            putIfGiven(random, activity, "stretches", true, false);
            putIfGiven(random, activity, "restDaysPerWeek", 0, 1, 2, 3);
            putIfGiven(random, activity, "standingHoursPerDay", 2.0, 5.5, 6.0, 8.0);
            putIfGiven(random, activity, "repetitiveStrain", true, false);
        }
        if (given(random)) {
            ObjectNode cramps = request.putObject("cramps");
            putIfGiven(random, cramps, "severity", "mild", "moderate", "severe");
            putIfGiven(random, cramps, "episodesPerWeek", 1.0, 2.0, 3.0, 5.0);
            putIfGiven(random, cramps, "durationWeeks", 2.0, 4.0, 8.0);
        }
        if (given(random)) {
            ObjectNode substances = request.putObject("substances");
            putIfGiven(random, substances, "alcoholUnitsPerWeek", 7.0, 14.0, 21.0);
            putIfGiven(random, substances, "caffeineMgPerDay", 200.0, 400.0, 600.0);
            if (given(random)) {
                subset(random, 2, "licorice root", "chamomile", "senna").forEach(substances.putArray("herbalSupplements")::add);
            }
        }
        if (given(random)) {
            subset(random, 2, "hypertension", "MS", "CKD", "coeliac disease", "stroke").forEach(request.putArray("conditions")::add);
        }
        if (given(random)) {
            ArrayNode medications = request.putArray("medications");
            subset(random, 2, "Lasix", "metformin", "spironolactone", "atorvastatin")
                    .forEach(name -> medications.addObject().put("name", name));
        }
        if (given(random)) {
            subset(random, 2, "tremor", "numbness", "vision-changes").forEach(request.putArray("symptoms")::add);
        }
        if (given(random)) {
            subset(random, 2, "potassium", "magnesium", "calcium", "vitamin-d").forEach(request.putObject("diet").putArray("lowIn")::add);
        }
        return request;
    }

    private static boolean given(Random random) {
        return random.nextDouble() >= 0.4;
    }

    private static void putIfGiven(Random random, ObjectNode node, String field, Object... values) {
        if (!given(random)) {
            return;
        }
        Object value = values[random.nextInt(values.length)];
        if (value instanceof String s) {
            node.put(field, s);
        } else if (value instanceof Boolean b) {
            node.put(field, b);
        } else if (value instanceof Integer n) {
            node.put(field, n);
        } else {
            node.put(field, (Double) value);
        }
    }

    /** Up to {@code max} distinct values, possibly none. */
    private static List<String> subset(Random random, int max, String... values) {
        List<String> pool = new ArrayList<>(List.of(values));
        List<String> chosen = new ArrayList<>();
        for (int i = random.nextInt(max + 1); i > 0 && !pool.isEmpty(); i--) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }
}
