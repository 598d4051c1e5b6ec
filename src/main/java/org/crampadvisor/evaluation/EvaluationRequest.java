package org.crampadvisor.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.crampadvisor.evaluation.Codes.Intensity;
import org.crampadvisor.evaluation.Codes.NeurologicalSymptom;
import org.crampadvisor.evaluation.Codes.Nutrient;
import org.crampadvisor.evaluation.Codes.Severity;
import org.crampadvisor.evaluation.Codes.Sex;
import org.hibernate.validator.constraints.Range;

import java.util.List;

/**
 * What a client knows about a patient with leg cramps (SPEC section 3). Every section is optional and
 * {@code {}} is valid; ranges and bounds are those of SPEC section 4. Unknown properties are refused by
 * the JSON reader, so a typo is never silently ignored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationRequest(
        @Valid PatientInput patient,
        @Valid CrampsInput cramps,
        @Size(max = 50, message = "at most {max} lab results") List<@NotNull @Valid LabInput> labs,
        @Valid HydrationInput hydration,
        @Valid DietInput diet,
        @Valid ActivityInput activity,
        @Size(max = 50, message = "at most {max} conditions") List<@NotBlank @Size(max = 200) String> conditions,
        @Size(max = 50, message = "at most {max} medications") List<@NotNull @Valid MedicationInput> medications,
        @Valid SubstancesInput substances,
        @Size(max = 20, message = "at most {max} symptoms") List<@NotNull NeurologicalSymptom> symptoms) {

    public static EvaluationRequest empty() {
        return new EvaluationRequest(null, null, null, null, null, null, null, null, null, null);
    }

    public List<LabInput> labsOrEmpty() {
        return labs == null ? List.of() : labs;
    }

    public List<String> conditionsOrEmpty() {
        return conditions == null ? List.of() : conditions;
    }

    public List<MedicationInput> medicationsOrEmpty() {
        return medications == null ? List.of() : medications;
    }

    public List<NeurologicalSymptom> symptomsOrEmpty() {
        return symptoms == null ? List.of() : symptoms;
    }

    /** A copy with the patient id replaced, e.g. by its pseudonym before the request is stored. */
    public EvaluationRequest withPatientId(String id) {
        PatientInput p = patient == null ? null : new PatientInput(id, patient.age(), patient.sex());
        return new EvaluationRequest(p, cramps, labs, hydration, diet, activity, conditions, medications, substances,
                symptoms);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PatientInput(
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold only letters, digits, '.', '_' and '-'")
            String id,
            @Range(min = 0, max = 130, message = "must be between {min} and {max} years") Integer age,
            Sex sex) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CrampsInput(
            Severity severity,
            @Range(min = 0, max = 200, message = "must be between {min} and {max} episodes a week") Double episodesPerWeek,
            @Range(min = 0, max = 2600, message = "must be between {min} and {max} weeks") Double durationWeeks,
            Boolean nocturnal) {
    }

    @PlausibleLab
    public record LabInput(
            @NotNull Analyte analyte,
            @NotNull Double value,
            @NotBlank @Size(max = 20) String unit) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HydrationInput(
            @Range(min = 0, max = 20, message = "must be between {min} and {max} L/day") Double fluidIntakeLitresPerDay,
            Boolean heavySweating,
            Boolean dehydrationSigns) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DietInput(
            @Size(max = 4, message = "at most {max} nutrients") List<@NotNull Nutrient> lowIn) {

        public List<Nutrient> lowInOrEmpty() {
            return lowIn == null ? List.of() : lowIn;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActivityInput(
            Intensity intensity,
            Boolean warmsUp,
            Boolean stretches,
            @Range(min = 0, max = 7, message = "must be between {min} and {max} days a week") Integer restDaysPerWeek,
            @Range(min = 0, max = 24, message = "must be between {min} and {max} hours a day") Double standingHoursPerDay,
            Boolean repetitiveStrain) {
    }

    public record MedicationInput(@NotBlank @Size(max = 200) String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubstancesInput(
            @Range(min = 0, max = 500, message = "must be between {min} and {max} units a week") Double alcoholUnitsPerWeek,
            @Range(min = 0, max = 5000, message = "must be between {min} and {max} mg a day") Double caffeineMgPerDay,
            @Size(max = 50, message = "at most {max} herbal supplements")
            List<@NotBlank @Size(max = 200) String> herbalSupplements) {

        public List<String> herbalSupplementsOrEmpty() {
            return herbalSupplements == null ? List.of() : herbalSupplements;
        }
    }
}
