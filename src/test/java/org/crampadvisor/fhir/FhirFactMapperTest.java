package org.crampadvisor.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.evaluation.Analyte;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.EvaluationRequest.LabInput;
import org.crampadvisor.evaluation.EvaluationRequest.MedicationInput;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.model.Certainty;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crampadvisor.fhir.FhirFixtures.CONDITIONS;
import static org.crampadvisor.fhir.FhirFixtures.LABS;
import static org.crampadvisor.fhir.FhirFixtures.MEDICATIONS;
import static org.crampadvisor.fhir.FhirFixtures.PATIENT;
import static org.crampadvisor.fhir.FhirFixtures.bundle;
import static org.crampadvisor.fhir.FhirFixtures.entry;
import static org.crampadvisor.fhir.FhirFixtures.text;

/** The FHIR mapping over real fixtures: US Core examples, Synthea bundles, the CDS Hooks spec's examples. */
class FhirFactMapperTest {

    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static Ruleset ruleset;
    private final FhirFactMapper mapper = new FhirFactMapper(Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator(),
            Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));

    @BeforeAll
    static void compileShippedRules() throws Exception {
        // The catalogues under test are the shipped knowledge, so the mapping is tested on them.
        ruleset = new RulesetCompiler().compile(Path.of("rules"));
    }

    private MappedFacts map(String patientId, PrefetchEntry patient, PrefetchEntry labs, PrefetchEntry medications,
                            PrefetchEntry conditions, List<MedicationRequest> drafts) {
        MappedFacts facts = mapper.map(new FhirInput(patientId, patient, labs, medications, conditions, drafts),
                ruleset.reference());
        assertThat(Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator().validate(facts.request()))
                .as("the derived request passes the API's validation").isEmpty();
        return facts;
    }

    private MappedFacts labsOnly(String... observations) {
        return map("example", PrefetchEntry.notSent(), entry(bundle(observations), LABS), PrefetchEntry.noData(),
                PrefetchEntry.noData(), List.of());
    }

    @Test
    void shouldMapUsCoreSerumLabsIncludingCalciumWhoseUnitHasNoCode() {
        MappedFacts facts = labsOnly("fhir/us-core/observation-serum-potassium.json",
                "fhir/us-core/observation-serum-sodium.json", "fhir/us-core/observation-serum-calcium.json");

        assertThat(facts.request().labs()).containsExactly(
                new LabInput(Analyte.POTASSIUM, 5.4, "mmol/L"),
                new LabInput(Analyte.SODIUM, 137.0, "mmol/L"),
                new LabInput(Analyte.CALCIUM, 7.7, "mg/dL"));
        assertThat(facts.origins()).containsEntry("labs[2]", List.of("Observation/serum-calcium"));
        assertThat(facts.unrecognized()).isEmpty();
        assertThat(facts.notAssessed()).extracting(NotAssessed::input)
                .contains("labs[analyte=magnesium]", "labs[analyte=vitamin-d]", "hydration", "symptoms")
                .doesNotContain("labs[analyte=potassium]");
    }

    @Test
    void shouldReadAllThreeMedicationEncodingsOfUsCore() {
        MappedFacts facts = map("example", PrefetchEntry.notSent(), PrefetchEntry.noData(),
                entry(bundle("fhir/derived/medicationrequest-coded-oral-furosemide.json",
                        "fhir/derived/medicationrequest-contained-oral-lasix.json",
                        "fhir/derived/medicationrequest-referenced-oral-lasix.json",
                        "fhir/derived/medication-lasix.json"), MEDICATIONS),
                PrefetchEntry.noData(), List.of());

        assertThat(facts.request().medications()).containsExactly(new MedicationInput("furosemide"));
        assertThat(facts.origins().get("medications[0]")).containsExactly(
                "MedicationRequest/medicationrequest-coded-oral-furosemide",
                "MedicationRequest/medicationrequest-contained-oral-lasix",
                "MedicationRequest/medicationrequest-referenced-oral-lasix");
        assertThat(facts.unrecognized()).isEmpty();
    }

    @Test
    void shouldReportUsCoreNizatidineInEachEncodingWithItsSystemAndCode() {
        MappedFacts facts = map("example", PrefetchEntry.notSent(), PrefetchEntry.noData(),
                entry(bundle("fhir/us-core/medicationrequest-coded-oral-axid.json",
                        "fhir/us-core/medicationrequest-contained-oral-axid.json",
                        "fhir/us-core/medicationrequest-referenced-oral-axid.json",
                        "fhir/us-core/uscore-med2.json"), MEDICATIONS),
                PrefetchEntry.noData(), List.of());

        assertThat(facts.request().medications()).isNull();
        assertThat(facts.unrecognized()).containsExactly(
                new FhirUnrecognized("MedicationRequest/medicationrequest-coded-oral-axid",
                        RXNORM + "|476872 Nizatidine 15 MG/ML Oral Solution", "no RxNorm code or name the catalogues know"),
                new FhirUnrecognized("MedicationRequest/medicationrequest-contained-oral-axid",
                        RXNORM + "|582620 Nizatidine 15 MG/ML Oral Solution [Axid]",
                        "no RxNorm code or name the catalogues know"),
                new FhirUnrecognized("MedicationRequest/medicationrequest-referenced-oral-axid",
                        RXNORM + "|582620 Nizatidine 15 MG/ML Oral Solution [Axid]",
                        "no RxNorm code or name the catalogues know"));
    }

    @Test
    void shouldReportAReferencedMedicationThatIsNotInTheData() {
        String request = text("fhir/us-core/medicationrequest-referenced-oral-axid.json")
                .replace("\"display\": \"Nizatidine 15 MG/ML Oral Solution [Axid]\"", "\"display\": null");
        MappedFacts facts = map("example", PrefetchEntry.notSent(), PrefetchEntry.noData(),
                entry(request, MEDICATIONS), PrefetchEntry.noData(), List.of());

        assertThat(facts.unrecognized()).singleElement().satisfies(u -> {
            assertThat(u.value()).isEqualTo("Medication/uscore-med2");
            assertThat(u.reason()).isEqualTo("the referenced Medication is not in the data");
        });
    }

    @Test
    void shouldNotTakeIonisedCalciumForTotalCalcium() {
        MappedFacts facts = labsOnly("fhir/derived/observation-serum-calcium-ionized.json");

        assertThat(facts.request().labs()).isNull();
        assertThat(facts.unrecognized()).singleElement().satisfies(u -> {
            assertThat(u.field()).isEqualTo("Observation/serum-calcium-ionized");
            assertThat(u.value()).isEqualTo("http://loinc.org|1995-0 Calcium.ionized [Moles/volume] in Serum or Plasma");
            assertThat(u.reason()).contains("ionised calcium is not total calcium");
        });
    }

    @Test
    void shouldUseTheLatestUsableFinalResultAndReportNewerResultsItCouldNotUse() {
        MappedFacts facts = labsOnly("fhir/us-core/observation-serum-potassium.json",
                "fhir/derived/observation-serum-potassium-preliminary.json",
                "fhir/derived/observation-serum-potassium-implausible.json");

        assertThat(facts.request().labs()).containsExactly(new LabInput(Analyte.POTASSIUM, 5.4, "mmol/L"));
        assertThat(facts.unrecognized()).extracting(FhirUnrecognized::field, FhirUnrecognized::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Observation/serum-potassium-preliminary",
                                "status preliminary; only final, amended or corrected results are used"),
                        org.assertj.core.groups.Tuple.tuple("Observation/serum-potassium-implausible",
                                "potassium 54 mmol/L is outside the plausible range 1 to 10 mmol/L; check the value and its unit"));
    }

    @Test
    void shouldMapIcd10ConditionsAndSkipRefutedOnes() {
        MappedFacts facts = map("Patient/example", PrefetchEntry.notSent(), PrefetchEntry.noData(),
                PrefetchEntry.noData(), entry(bundle("fhir/derived/condition-multiple-sclerosis.json",
                        "fhir/derived/condition-leg-cramps.json", "fhir/derived/condition-leg-cramps-refuted.json",
                        "fhir/us-core/condition-duodenal-ulcer.json"), CONDITIONS), List.of());

        assertThat(facts.request().conditions()).containsExactly("multiple sclerosis", "leg cramps");
        assertThat(facts.origins()).containsEntry("conditions[1]", List.of("Condition/condition-leg-cramps"));
        assertThat(facts.unrecognized()).singleElement().satisfies(u -> {
            assertThat(u.field()).isEqualTo("Condition/condition-duodenal-ulcer");
            assertThat(u.value()).startsWith("http://snomed.info/sct|");
        });
        assertThat(facts.request().patient().id()).isEqualTo("example");
    }

    @Test
    void shouldTreatAnOperationOutcomeInABundleAsMissingData() {
        MappedFacts facts = map("example", PrefetchEntry.notSent(),
                entry(text("fhir/derived/bundle-operation-outcome.json"), LABS), PrefetchEntry.noData(),
                PrefetchEntry.noData(), List.of());

        assertThat(facts.request().labs()).isNull();
        assertThat(facts.notAssessed()).filteredOn(n -> n.input().equals("labs[analyte=potassium]")).singleElement()
                .satisfies(n -> assertThat(n.reason()).contains("OperationOutcome")
                        .contains("Access to Observation denied for this client"));
    }

    @Test
    void shouldTreatUnreadableOrWronglyTypedPrefetchAsMissing() {
        assertThat(PrefetchReader.read("{\"resourceType\":\"Nonsense\"}", LABS).state())
                .isEqualTo(PrefetchEntry.State.MISSING);
        assertThat(PrefetchReader.read(text("fhir/us-core/condition-duodenal-ulcer.json"), LABS).reason())
                .isEqualTo("expected Observation or a Bundle of them, but got Condition");
        assertThat(PrefetchReader.read("null", LABS).state()).isEqualTo(PrefetchEntry.State.NO_DATA);
        assertThat(PrefetchReader.read(null, LABS).state()).isEqualTo(PrefetchEntry.State.NOT_SENT);
    }

    @Test
    void shouldAcceptThePatientIdWithOrWithoutItsPrefix() {
        assertThat(FhirFactMapper.bareId("Patient/1288992")).isEqualTo("1288992");
        assertThat(FhirFactMapper.bareId("1288992")).isEqualTo("1288992");
        assertThat(FhirFactMapper.bareId("Patient/has space")).isNull();
    }

    @Test
    void shouldMapTheSyntheaPatientsPrefetchAndEvaluateItOnTheShippedRules() {
        String folder = "fhir/synthea/josue-sipes-stroke-ckd/";
        MappedFacts facts = map("Patient/bd6f9f37-7295-4cd6-b212-134afcef1253",
                entry(text(folder + "patient.json"), PATIENT), entry(text(folder + "labs.json"), LABS),
                entry(text(folder + "medications.json"), MEDICATIONS),
                entry(text(folder + "conditions.json"), CONDITIONS), List.of());

        EvaluationRequest request = facts.request();
        assertThat(request.patient().id()).isEqualTo("bd6f9f37-7295-4cd6-b212-134afcef1253");
        assertThat(request.patient().sex()).isNotNull();
        assertThat(request.labs()).extracting(LabInput::analyte).containsExactly(Analyte.POTASSIUM, Analyte.SODIUM);
        assertThat(request.conditions()).containsExactly("stroke", "chronic kidney disease");
        // 316049 is marked unverified, so the display "Hydrochlorothiazide 25 MG" found the medication.
        assertThat(request.medications()).containsExactly(new MedicationInput("hydrochlorothiazide"));
        assertThat(facts.unrecognized()).extracting(FhirUnrecognized::value)
                .anySatisfy(v -> assertThat(v).startsWith("http://loinc.org|49765-1"))
                .anySatisfy(v -> assertThat(v).contains("Metformin"));

        Recommendation answer = new Evaluator().evaluate(request, ruleset);
        assertThat(answer.causes()).extracting(Recommendation.Cause::code, Recommendation.Cause::certainty)
                .contains(org.assertj.core.groups.Tuple.tuple(CauseCode.NEUROLOGICAL_DISORDER, Certainty.LIKELY),
                        org.assertj.core.groups.Tuple.tuple(CauseCode.MEDICATION_OR_SUBSTANCE, Certainty.LIKELY));
    }

    @Test
    void shouldFindLowMagnesiumInADerivedUsCoreObservation() {
        MappedFacts facts = labsOnly("fhir/derived/observation-serum-magnesium-low.json");

        Recommendation answer = new Evaluator().evaluate(facts.request(), ruleset);
        assertThat(answer.causes()).singleElement().satisfies(cause -> {
            assertThat(cause.code()).isEqualTo(CauseCode.ELECTROLYTE_IMBALANCE);
            assertThat(cause.certainty()).isEqualTo(Certainty.LIKELY);
            assertThat(cause.rules()).contains("Low serum magnesium");
        });
    }

    @Test
    void shouldMapTheSpecsPatientViewRequestWhosePrefetchKeysAreNotOurs() throws Exception {
        JsonNode request = new ObjectMapper().readTree(text("cds-hooks/patient-view-request-example.json"));
        JsonNode prefetch = request.path("prefetch");
        MappedFacts facts = map(request.path("context").path("patientId").asText(),
                PrefetchReader.read(prefetch.has("patient") ? prefetch.get("patient").toString() : null, PATIENT),
                PrefetchReader.read(prefetch.has("labs") ? prefetch.get("labs").toString() : null, LABS),
                PrefetchReader.read(null, MEDICATIONS), PrefetchReader.read(null, CONDITIONS), List.of());

        assertThat(facts.request().patient().id()).isEqualTo("1288992");
        assertThat(facts.notAssessed()).extracting(NotAssessed::input)
                .contains("patient", "conditions", "medications", "labs[analyte=potassium]");
    }

    @Test
    void shouldCountTheSpecsOrderSignDraftOrdersAsDraftedMedications() throws Exception {
        JsonNode context = new ObjectMapper().readTree(text("cds-hooks/order-sign-context-example.json")).path("context");
        List<MedicationRequest> drafts = PrefetchReader.draftMedicationRequests(context.path("draftOrders").toString());
        MedicationRequest furosemide = (MedicationRequest) FhirR4.jsonParser()
                .parseResource(text("fhir/derived/medicationrequest-coded-oral-furosemide.json"));
        MappedFacts facts = map(context.path("patientId").asText(), PrefetchEntry.notSent(), PrefetchEntry.noData(),
                PrefetchEntry.noData(), PrefetchEntry.noData(),
                List.of(drafts.get(0), furosemide));

        assertThat(drafts).hasSize(1);
        assertThat(facts.request().medications()).containsExactly(new MedicationInput("furosemide"));
        assertThat(facts.drafted()).containsExactly("medications[0]");
        assertThat(facts.unrecognized()).singleElement()
                .satisfies(u -> assertThat(u.value()).contains("|617993 Amoxicillin"));
    }
}
