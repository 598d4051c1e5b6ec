package org.crampadvisor.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.crampadvisor.evaluation.Codes.Intensity;
import org.crampadvisor.evaluation.Codes.NeurologicalSymptom;
import org.crampadvisor.evaluation.Codes.Nutrient;
import org.crampadvisor.evaluation.Codes.Severity;
import org.crampadvisor.evaluation.Codes.Sex;

import java.util.List;

/**
 * What a client knows about a patient with leg cramps (SPEC section 3). Every section is optional and
 * {@code {}} is valid; ranges and bounds are those of SPEC section 4. Unknown properties are refused by
 * the JSON reader, so a typo is never silently ignored. The constraints are plain Bean Validation
 * ({@code @Min}/{@code @Max}, {@code @DecimalMin}/{@code @DecimalMax}, anchored {@code @Pattern}) because the
 * OpenAPI document is generated from them and must state exactly what is accepted.
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
            @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._-]+$", message = "may hold only letters, digits, '.', '_' and '-'")
            String id,
            @Min(value = 0, message = "must be between 0 and 130 years") @Max(value = 130, message = "must be between 0 and 130 years") Integer age,
            Sex sex) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CrampsInput(
            Severity severity,
            @DecimalMin(value = "0", message = "must be between 0 and 200 episodes a week") @DecimalMax(value = "200", message = "must be between 0 and 200 episodes a week") Double episodesPerWeek,
            @DecimalMin(value = "0", message = "must be between 0 and 2600 weeks") @DecimalMax(value = "2600", message = "must be between 0 and 2600 weeks") Double durationWeeks,
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
            @DecimalMin(value = "0", message = "must be between 0 and 20 L/day") @DecimalMax(value = "20", message = "must be between 0 and 20 L/day") Double fluidIntakeLitresPerDay,
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
            @Min(value = 0, message = "must be between 0 and 7 days a week") @Max(value = 7, message = "must be between 0 and 7 days a week") Integer restDaysPerWeek,
            @DecimalMin(value = "0", message = "must be between 0 and 24 hours a day") @DecimalMax(value = "24", message = "must be between 0 and 24 hours a day") Double standingHoursPerDay,
            Boolean repetitiveStrain) {
    }

    public record MedicationInput(@NotBlank @Size(max = 200) String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubstancesInput(
            @DecimalMin(value = "0", message = "must be between 0 and 500 units a week") @DecimalMax(value = "500", message = "must be between 0 and 500 units a week") Double alcoholUnitsPerWeek,
            @DecimalMin(value = "0", message = "must be between 0 and 5000 mg a day") @DecimalMax(value = "5000", message = "must be between 0 and 5000 mg a day") Double caffeineMgPerDay,
            @Size(max = 50, message = "at most {max} herbal supplements")
            List<@NotBlank @Size(max = 200) String> herbalSupplements) {

        public List<String> herbalSupplementsOrEmpty() {
            return herbalSupplements == null ? List.of() : herbalSupplements;
        }
    }
}
