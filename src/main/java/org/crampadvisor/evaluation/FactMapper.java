package org.crampadvisor.evaluation;

import org.crampadvisor.engine.ReferenceData;
import org.crampadvisor.model.Activity;
import org.crampadvisor.model.Condition;
import org.crampadvisor.model.Cramps;
import org.crampadvisor.model.DietaryGap;
import org.crampadvisor.model.HerbalSupplement;
import org.crampadvisor.model.Hydration;
import org.crampadvisor.model.LabResult;
import org.crampadvisor.model.Medication;
import org.crampadvisor.model.Patient;
import org.crampadvisor.model.Substances;
import org.crampadvisor.model.Symptom;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a validated request into the facts the rules see, in a fixed order so that equal input fires
 * rules in an equal order. Derived values are computed here so that rule constraints stay simple: lab
 * values in canonical units, names resolved against the ruleset's catalogues. The patient id is left
 * out on purpose: no rule may depend on who the patient is.
 */
public final class FactMapper {

    /** Every type of fact the request can become; rules can also match thresholds and what rules insert. */
    public static final List<Class<?>> FACT_TYPES = List.of(Patient.class, Cramps.class, LabResult.class,
            Hydration.class, DietaryGap.class, Activity.class, Condition.class, Medication.class, Substances.class,
            HerbalSupplement.class, Symptom.class);

    private FactMapper() {
    }

    public static List<Object> toFacts(EvaluationRequest request, ReferenceData reference) {
        List<Object> facts = new ArrayList<>();
        if (request.patient() != null) {
            var p = request.patient();
            facts.add(new Patient("patient", p.age(), code(p.sex())));
        }
        if (request.cramps() != null) {
            var c = request.cramps();
            facts.add(new Cramps("cramps", code(c.severity()), c.episodesPerWeek(), c.durationWeeks(), c.nocturnal()));
        }
        List<EvaluationRequest.LabInput> labs = request.labsOrEmpty();
        for (int i = 0; i < labs.size(); i++) {
            var lab = labs.get(i);
            Analyte analyte = lab.analyte();
            facts.add(new LabResult("labs[" + i + "]", analyte.code(), lab.value(), lab.unit(),
                    analyte.toCanonical(lab.value(), lab.unit()), analyte.canonicalUnit()));
        }
        if (request.hydration() != null) {
            var h = request.hydration();
            facts.add(new Hydration("hydration", h.fluidIntakeLitresPerDay(), h.heavySweating(), h.dehydrationSigns()));
        }
        if (request.diet() != null) {
            List<Codes.Nutrient> lowIn = request.diet().lowInOrEmpty();
            for (int i = 0; i < lowIn.size(); i++) {
                facts.add(new DietaryGap("diet.lowIn[" + i + "]", lowIn.get(i).code()));
            }
        }
        if (request.activity() != null) {
            var a = request.activity();
            facts.add(new Activity("activity", code(a.intensity()), a.warmsUp(), a.stretches(), a.restDaysPerWeek(),
                    a.standingHoursPerDay(), a.repetitiveStrain()));
        }
        List<String> conditions = request.conditionsOrEmpty();
        for (int i = 0; i < conditions.size(); i++) {
            String name = conditions.get(i);
            var entry = reference.conditions().find(name);
            facts.add(new Condition("conditions[" + i + "]", name,
                    entry.map(ReferenceData.ConditionEntry::name).orElse(null),
                    entry.map(ReferenceData.ConditionEntry::group).orElse(null)));
        }
        List<EvaluationRequest.MedicationInput> medications = request.medicationsOrEmpty();
        for (int i = 0; i < medications.size(); i++) {
            String name = medications.get(i).name();
            var entry = reference.medications().find(name);
            facts.add(new Medication("medications[" + i + "]", name,
                    entry.map(ReferenceData.MedicationEntry::generic).orElse(null),
                    entry.map(ReferenceData.MedicationEntry::drugClass).orElse(null),
                    entry.map(ReferenceData.MedicationEntry::group).orElse(null),
                    entry.map(ReferenceData.MedicationEntry::groups).orElse(List.of())));
        }
        if (request.substances() != null) {
            var s = request.substances();
            facts.add(new Substances("substances", s.alcoholUnitsPerWeek(), s.caffeineMgPerDay()));
            List<String> supplements = s.herbalSupplementsOrEmpty();
            for (int i = 0; i < supplements.size(); i++) {
                String name = supplements.get(i);
                var entry = reference.herbalSupplements().find(name);
                facts.add(new HerbalSupplement("substances.herbalSupplements[" + i + "]", name,
                        entry.map(ReferenceData.SupplementEntry::name).orElse(null),
                        entry.map(ReferenceData.SupplementEntry::concern).orElse(null)));
            }
        }
        List<Codes.NeurologicalSymptom> symptoms = request.symptomsOrEmpty();
        for (int i = 0; i < symptoms.size(); i++) {
            facts.add(new Symptom("symptoms[" + i + "]", symptoms.get(i).code()));
        }
        return facts;
    }

    private static String code(Codes.Coded value) {
        return value == null ? null : value.code();
    }
}
