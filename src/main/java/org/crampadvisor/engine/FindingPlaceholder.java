package org.crampadvisor.engine;

import org.crampadvisor.model.Activity;
import org.crampadvisor.model.Condition;
import org.crampadvisor.model.Cramps;
import org.crampadvisor.model.DietaryGap;
import org.crampadvisor.model.HerbalSupplement;
import org.crampadvisor.model.Hydration;
import org.crampadvisor.model.LabResult;
import org.crampadvisor.model.Medication;
import org.crampadvisor.model.Numbers;
import org.crampadvisor.model.Substances;
import org.crampadvisor.model.Symptom;
import org.crampadvisor.model.Threshold;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The values a finding's wording in {@code rules/tables/findings.csv} may show, each taken from a fact
 * the rule matched: {@code {value}} from its lab result, {@code {limit}} from its threshold, and so on.
 * Each renders one fact in a fixed notation (a number with its unit, a name as sent with the catalogue's
 * name beside it); the sentence around it is the clinician's.
 */
public enum FindingPlaceholder {

    VALUE("value", LabResult.class, "the lab value as sent, and in the compared unit when converted: 1.4 mg/dL (0.58 mmol/L)",
            LabResult::describe),
    ANALYTE("analyte", LabResult.class, "the analyte: potassium, vitamin d", lab -> words(lab.analyte())),
    LIMIT("limit", Threshold.class, "the threshold with its unit: 3.5 mmol/L", Threshold::describe),
    FLUID_INTAKE("fluidIntake", Hydration.class, "fluid intake in litres a day: 1.2",
            hydration -> number(hydration.fluidIntakeLitresPerDay())),
    INTENSITY("intensity", Activity.class, "activity intensity: intense", Activity::intensity),
    REST_DAYS("restDays", Activity.class, "rest days a week: 0",
            activity -> activity.restDaysPerWeek() == null ? null : activity.restDaysPerWeek().toString()),
    STANDING_HOURS("standingHours", Activity.class, "hours standing a day: 7",
            activity -> number(activity.standingHoursPerDay())),
    ALCOHOL("alcohol", Substances.class, "alcohol units a week: 21", substances -> number(substances.alcoholUnitsPerWeek())),
    CAFFEINE("caffeine", Substances.class, "caffeine mg a day: 600", substances -> number(substances.caffeineMgPerDay())),
    MEDICATION("medication", Medication.class, "the medication as sent, with its generic name when that differs: Lasix (furosemide)",
            medication -> asSent(medication.name(), medication.generic())),
    DRUG_CLASS("drugClass", Medication.class, "the catalogue's drug class: loop diuretic", Medication::drugClass),
    CONDITION("condition", Condition.class, "the condition as sent, with the catalogue's name when that differs: MS (multiple sclerosis)",
            condition -> asSent(condition.name(), condition.recognizedAs())),
    SUPPLEMENT("supplement", HerbalSupplement.class, "the supplement as sent, with the catalogue's name when that differs: liquorice (licorice root)",
            supplement -> asSent(supplement.name(), supplement.recognizedAs())),
    CONCERN("concern", HerbalSupplement.class, "why the catalogue lists the supplement: lowers potassium", HerbalSupplement::concern),
    SYMPTOM("symptom", Symptom.class, "the symptom in words: loss of coordination", symptom -> words(symptom.code())),
    NUTRIENT("nutrient", DietaryGap.class, "the nutrient in words: vitamin d", gap -> words(gap.nutrient())),
    SEVERITY("severity", Cramps.class, "cramp severity: severe", Cramps::severity),
    EPISODES("episodesPerWeek", Cramps.class, "cramp episodes a week: 4", cramps -> number(cramps.episodesPerWeek())),
    DURATION("durationWeeks", Cramps.class, "weeks the cramps have lasted: 6", cramps -> number(cramps.durationWeeks()));

    /** Shown for a value the request did not give; a rule that uses a placeholder normally requires its value. */
    static final String NOT_REPORTED = "not reported";

    private final String key;
    private final Class<?> factType;
    private final String meaning;
    private final Function<Object, String> render;

    @SuppressWarnings("unchecked")
    <T> FindingPlaceholder(String key, Class<T> factType, String meaning, Function<T, String> render) {
        this.key = key;
        this.factType = factType;
        this.meaning = meaning;
        this.render = fact -> {
            String text = render.apply((T) fact);
            return text == null ? NOT_REPORTED : text;
        };
    }

    /** As written between braces in a template. */
    public String key() {
        return key;
    }

    /** The type of fact the rule must match for this placeholder to have a value. */
    public Class<?> factType() {
        return factType;
    }

    public String meaning() {
        return meaning;
    }

    String render(Object fact) {
        return render.apply(fact);
    }

    public static Optional<FindingPlaceholder> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    private static String number(Double value) {
        return value == null ? null : Numbers.format(value);
    }

    private static String words(String code) {
        return code == null ? null : code.replace('-', ' ').toLowerCase(Locale.ROOT);
    }

    private static String asSent(String name, String catalogueName) {
        if (catalogueName == null || name.equalsIgnoreCase(catalogueName)) {
            return name;
        }
        return name + " (" + catalogueName + ")";
    }
}
