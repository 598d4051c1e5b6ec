package org.crampadvisor.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * SPEC section 4 over HTTP: every class of bad input is a 4xx problem that names the field and the
 * reason, never a 500 and never a stack trace.
 */
@QuarkusTest
class InputCheckingApiTest {

    private static void assertRefused(String body, int status, String field, String messagePart) {
        EvaluationApiTest.asRequester().body(body)
                .when().post("/api/v1/evaluations")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", is(status))
                .body("title", not(containsString("Exception")))
                .body("detail", not(containsString("org.")))
                .body("errors", hasSize(1))
                .body("errors[0].field", is(field))
                .body("errors[0].message", containsString(messagePart));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"hydration": {"fluidIntakeLitres": 2}}                                  | hydration.fluidIntakeLitres  | unknown property 'fluidIntakeLitres'
            {"patinet": {}}                                                          | patinet                      | unknown property 'patinet'
            {"labs": [{"analyte": "sodium", "value": 140, "unit": "ng/mL"}]}         | labs[0].unit                 | not allowed for sodium; use one of mmol/L, mEq/L
            {"labs": [{"analyte": "vitamin-d", "value": 30, "unit": "mmol/L"}]}      | labs[0].unit                 | use one of ng/mL, nmol/L
            {"labs": [{"analyte": "potassium", "value": 35, "unit": "mmol/L"}]}      | labs[0].value                | outside the plausible range 1 to 10 mmol/L
            {"labs": [{"analyte": "magnesium", "value": 30, "unit": "mg/dL"}]}       | labs[0].value                | magnesium 30 mg/dL (12.34 mmol/L) is outside the plausible range 0.1 to 5 mmol/L
            {"labs": [{"analyte": "sodium", "value": 99, "unit": "mmol/L"}]}         | labs[0].value                | 100 to 180
            {"labs": [{"analyte": "calcium", "value": 0.4, "unit": "mmol/L"}]}       | labs[0].value                | 0.5 to 5
            {"labs": [{"analyte": "vitamin-d", "value": 700, "unit": "nmol/L"}]}     | labs[0].value                | 1 to 250 ng/mL
            {"labs": [{"analyte": "iron", "value": 1, "unit": "mmol/L"}]}            | labs[0].analyte              | use one of potassium, sodium, magnesium, calcium, vitamin-d
            {"labs": [{"analyte": "potassium", "value": "3.1", "unit": "mmol/L"}]}   | labs[0].value                | must be a number
            {"labs": [null]}                                                         | labs[0]                      | must not be null
            {"labs": {"analyte": "potassium"}}                                       | labs                         | must be an array
            {"patient": {"age": 131}}                                                | patient.age                  | between 0 and 130
            {"patient": {"age": 67.5}}                                               | patient.age                  | must be a whole number
            {"patient": {"age": "sixty"}}                                            | patient.age                  | must be a whole number
            {"patient": {"sex": "f"}}                                                | patient.sex                  | use one of female, male, other, unknown
            {"patient": {"id": "has space"}}                                         | patient.id                   | only letters, digits
            {"cramps": {"severity": "Severe"}}                                       | cramps.severity              | use one of mild, moderate, severe
            {"cramps": {"episodesPerWeek": 201}}                                     | cramps.episodesPerWeek       | between 0 and 200
            {"cramps": {"durationWeeks": -1}}                                        | cramps.durationWeeks         | between 0 and 2600
            {"hydration": {"fluidIntakeLitresPerDay": 21}}                           | hydration.fluidIntakeLitresPerDay | between 0 and 20
            {"hydration": {"heavySweating": "yes"}}                                  | hydration.heavySweating      | must be true or false
            {"diet": {"lowIn": ["iron"]}}                                            | diet.lowIn[0]                | use one of potassium, magnesium, calcium, vitamin-d
            {"activity": {"intensity": "extreme"}}                                   | activity.intensity           | use one of none, light, moderate, intense
            {"activity": {"standingHoursPerDay": 25}}                                | activity.standingHoursPerDay | between 0 and 24
            {"activity": {"restDaysPerWeek": 8}}                                     | activity.restDaysPerWeek     | between 0 and 7
            {"conditions": [123]}                                                    | conditions[0]                | must be a string
            {"conditions": [""]}                                                     | conditions[0]                | must not be blank
            {"medications": [{"name": "Lasix", "dose": "40 mg"}]}                    | medications[0].dose          | unknown property 'dose'
            {"medications": [{}]}                                                    | medications[0].name          | must not be blank
            {"substances": {"alcoholUnitsPerWeek": 501}}                             | substances.alcoholUnitsPerWeek | between 0 and 500
            {"substances": {"caffeineMgPerDay": 1e400}}                              | substances.caffeineMgPerDay  | between 0 and 5000
            {"symptoms": ["headache"]}                                               | symptoms[0]                  | use one of numbness, tingling
            """)
    void shouldRefuseBadFieldsNamingFieldAndReason(String body, String field, String messagePart) {
        assertRefused(body, 400, field, messagePart);
    }

    @Test
    void shouldRefuseStringsOverTwoHundredCharacters() {
        assertRefused("{\"conditions\": [\"" + "x".repeat(201) + "\"]}", 400, "conditions[0]", "size must be between 0 and 200");
    }

    @Test
    void shouldRefuseListsOverTheirBound() {
        String labs = "{\"analyte\": \"sodium\", \"value\": 140, \"unit\": \"mmol/L\"},".repeat(51);
        assertRefused("{\"labs\": [" + labs.substring(0, labs.length() - 1) + "]}", 400, "labs", "at most 50 lab results");
        String symptoms = "\"tremor\",".repeat(21);
        assertRefused("{\"symptoms\": [" + symptoms.substring(0, symptoms.length() - 1) + "]}", 400, "symptoms",
                "at most 20 symptoms");
    }

    @Test
    void shouldReportEveryInvalidFieldAtOnce() {
        EvaluationApiTest.asRequester().body("""
                        {"patient": {"age": 200}, "labs": [{"analyte": "potassium", "value": 20, "unit": "mmol/L"}]}""")
                .when().post("/api/v1/evaluations")
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("labs[0].value", "patient.age"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {bad json  | malformed JSON at line 1
            []         | must be an object
            {} {}      | trailing content
            {"a":1,"a":2} | the property 'a' appears twice
            """)
    void shouldRefuseMalformedBodies(String body, String messagePart) {
        assertRefused(body, 400, "", messagePart);
    }

    @Test
    void shouldRefuseAnEmptyBody() {
        assertRefused("", 400, "", "a JSON object is required");
    }

    @Test
    void shouldRefuseAWrongContentType() {
        EvaluationApiTest.asRequester().contentType(ContentType.TEXT).body("{}")
                .when().post("/api/v1/evaluations")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("application/json"));
    }

    @Test
    void shouldRefuseABodyOverSixtyFourKibibytes() {
        String name = "\"" + "x".repeat(190) + "\",";
        String body = "{\"conditions\": [" + name.repeat(400) + "\"y\"]}";
        EvaluationApiTest.asRequester().body(body)
                .when().post("/api/v1/evaluations")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("64 KiB"));
    }

    @Test
    void shouldAcceptUnitsWhateverTheirCase() {
        EvaluationApiTest.asRequester().body("""
                        {"labs": [{"analyte": "magnesium", "value": 1.4, "unit": "MG/DL"}]}""")
                .when().post("/api/v1/evaluations")
                .then().statusCode(200)
                .body("causes[0].code", is("ELECTROLYTE_IMBALANCE"));
    }
}
