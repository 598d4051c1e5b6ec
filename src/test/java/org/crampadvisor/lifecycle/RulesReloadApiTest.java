package org.crampadvisor.lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

/**
 * Reload over HTTP: a change that passes its gate answers the next request; one that does not is
 * refused with every problem, and the previous version keeps serving.
 */
@QuarkusTest
@TestProfile(EditableRules.class)
class RulesReloadApiTest {

    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    java.net.URL metrics;

    private static final Path RULES = EditableRules.FOLDER;

    private static ValidatableResponse reload() {
        return given().auth().preemptive().basic("rule-admin", "rule-admin")
                .when().post("/api/v1/ruleset/reload").then();
    }

    private static String activeVersion() {
        return given().auth().preemptive().basic("rule-admin", "rule-admin")
                .when().get("/api/v1/ruleset").then().statusCode(200).extract().path("version");
    }

    private static String evaluatedVersion() {
        return given().auth().preemptive().basic("requester", "requester").contentType(ContentType.JSON)
                .body("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mmol/L\"}]}")
                .when().post("/api/v1/evaluations").then().statusCode(200).extract().path("rulesetVersion");
    }

    @BeforeEach
    void startFromTheShippedRules() {
        EditableRules.restore(RULES);
        reload().statusCode(200).body("status", oneOf("activated", "unchanged"));
    }

    @Test
    void shouldActivateAValidChangeForTheNextRequest() {
        String before = activeVersion();
        RuleEdits.rewordDescription(RULES, "that can make muscles cramp.\")\n    @source(\"Electrolyte Imbalance\")\nwhen\n"
                + "    $limit : Threshold( name == \"potassium.low\" )", "that often makes muscles cramp.\")\n"
                + "    @source(\"Electrolyte Imbalance\")\nwhen\n    $limit : Threshold( name == \"potassium.low\" )");

        String after = reload().statusCode(200)
                .body("status", is("activated"))
                .body("trigger", is("api"))
                .body("errors", empty())
                .body("scenarios.failed", is(0))
                .body("scenarios.passed", greaterThan(100))
                .extract().path("activeVersion");

        assertThat(after).isNotEqualTo(before).isEqualTo(activeVersion());
        assertThat(evaluatedVersion()).isEqualTo(after);
        given().auth().preemptive().basic("requester", "requester").when().get("/api/v1/rules").then()
                .body("find { it.name == 'Low serum potassium' }.metadata.description", containsString("often makes"));
        reload().statusCode(200).body("status", is("unchanged")).body("activeVersion", is(after));
    }

    @Test
    void shouldRefuseADrlSyntaxErrorWithFileLineAndColumnAndKeepServing() {
        String before = activeVersion();
        RuleEdits.breakSyntax(RULES);

        reload().statusCode(422)
                .contentType("application/problem+json")
                .body("status", is(422))
                .body("title", is("Rules folder refused"))
                .body("activeVersion", is(before))
                .body("candidateVersion", not(is(before)))
                .body("scenarios", nullValue())
                .body("errors[0].check", is("compile"))
                .body("errors[0].file", is("causes/electrolyte-imbalance.drl"))
                .body("errors[0].line", greaterThan(0))
                .body("errors[0].column", greaterThan(0))
                .body("errors[0].message", not(empty()));

        given().auth().preemptive().basic("auditor", "auditor").when().get("/api/v1/ruleset").then()
                .body("version", is(before))
                .body("lastReload.status", is("refused"))
                .body("lastReload.errors.file", hasItem("causes/electrolyte-imbalance.drl"));
        assertThat(evaluatedVersion()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAFailingScenarioNamingItWithExpectedAndActual() {
        String before = activeVersion();
        RuleEdits.breakScenario(RULES);

        reload().statusCode(422)
                .body("status", is(422))
                .body("activeVersion", is(before))
                .body("scenarios.failed", greaterThan(0))
                .body("errors.check", everyItemIs("scenario"))
                .body("errors.find { it.file == 'scenarios/electrolyte-potassium-3-5-not-low.yaml' }.scenario",
                        is("Serum potassium of exactly 3.5 mmol/L is not low, so only general prevention is given"))
                .body("errors.find { it.file == 'scenarios/electrolyte-potassium-3-5-not-low.yaml' }.message",
                        is("expected causes none, but got {ELECTROLYTE_IMBALANCE=likely}"));
        assertThat(evaluatedVersion()).isEqualTo(before);
    }

    @Test
    void shouldRefuseALintFailure() {
        String before = activeVersion();
        RuleEdits.breakLint(RULES);

        reload().statusCode(422)
                .body("status", is(422))
                .body("activeVersion", is(before))
                .body("errors.size()", is(1))
                .body("errors[0].check", is("lint"))
                .body("errors[0].file", is("causes/overuse-or-strain.drl"))
                .body("errors[0].line", is(26))
                .body("errors[0].rule", is("Intense activity without rest days"))
                .body("errors[0].message", containsString("has no @source"));
        assertThat(evaluatedVersion()).isEqualTo(before);
    }

    @Test
    void shouldRefuseATypoInACatalogueGroupWithTheClosestKnownGroup() {
        String before = activeVersion();
        org.crampadvisor.RulesFolderCopy.replace(RULES, "advice/contraindications.drl",
                "$condition : Condition( group == \"kidney\" )\nthen\n    insert( new AdviceWithheld( AdviceCode.HYDRATE",
                "$condition : Condition( group == \"kidny\" )\nthen\n    insert( new AdviceWithheld( AdviceCode.HYDRATE");

        reload().statusCode(422)
                .body("status", is(422))
                .body("activeVersion", is(before))
                .body("errors.findAll { it.check == 'references' }.size()", is(1))
                .body("errors[0].check", is("references"))
                .body("errors[0].file", is("advice/contraindications.drl"))
                .body("errors[0].line", is(24))
                .body("errors[0].column", is(38))
                .body("errors[0].rule", is("Withhold hydration: kidney disease"))
                .body("errors[0].message", is("Condition.group is compared with \"kidny\", which is not a group in "
                        + "catalogues/conditions.csv; did you mean `kidney`?"));
        assertThat(evaluatedVersion()).isEqualTo(before);
    }

    @Test
    void shouldExportReloadRuleAndVersionMetrics() {
        RuleEdits.breakSyntax(RULES);
        reload().statusCode(422);
        RuleEdits.fixSyntax(RULES);
        reload().statusCode(200);
        String version = activeVersion();
        evaluatedVersion();

        String text = given().when().get(metrics).then().statusCode(200).extract().asString();
        assertThat(text)
                .containsPattern("advisor_ruleset_reload_attempts_total\\{trigger=\"api\"\\} [1-9]")
                .containsPattern("advisor_ruleset_reload_failures_total\\{check=\"compile\",trigger=\"api\"\\} [1-9]")
                .contains("advisor_ruleset_active_info{version=\"" + version + "\"} 1.0")
                .containsPattern("advisor_rule_firings_total\\{file=\"causes/electrolyte-imbalance.drl\","
                        + "rule=\"Low serum potassium\"\\} [1-9]")
                .contains("advisor_evaluations_seconds_bucket")
                .contains("advisor_ruleset_reload_duration_seconds_count{status=\"refused\"}");
        assertThat(text.lines().filter(l -> l.startsWith("advisor_ruleset_active_info{"))).hasSize(1);
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(is(value));
    }
}
