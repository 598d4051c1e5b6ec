package org.crampadvisor.lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** With advisor.rules.watch=true, saving several rule files is one reload, and a refused one keeps the old rules. */
@QuarkusTest
@TestProfile(EditableRules.Watched.class)
class WatchReloadTest {

    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    java.net.URL metrics;

    private static final Path RULES = EditableRules.Watched.FOLDER;

    private static String ruleset(String path) {
        return given().auth().preemptive().basic("rule-admin", "rule-admin")
                .when().get("/api/v1/ruleset").then().statusCode(200).extract().path(path);
    }

    private double watchAttempts() {
        String text = given().when().get(metrics).then().statusCode(200).extract().asString();
        Matcher attempts = Pattern.compile("advisor_ruleset_reload_attempts_total\\{trigger=\"watch\"\\} ([0-9.]+)")
                .matcher(text);
        return attempts.find() ? Double.parseDouble(attempts.group(1)) : 0;
    }

    private static void awaitLastReloadAfter(String at) throws InterruptedException {
        for (int i = 0; i < 300 && at.equals(ruleset("lastReload.at")); i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void shouldReloadOnceForAChangeToFiveFilesAndRefuseABrokenSave() throws Exception {
        String before = ruleset("version");
        String lastAt = ruleset("lastReload.at");
        double attemptsBefore = watchAttempts();

        for (String file : List.of("causes/electrolyte-imbalance.drl", "causes/overuse-or-strain.drl",
                "causes/neurological-disorder.drl", "advice/management.drl", "advice/referral.drl")) {
            Files.writeString(RULES.resolve(file), Files.readString(RULES.resolve(file)) + "\n// reviewed\n");
        }
        awaitLastReloadAfter(lastAt);
        Thread.sleep(1500);  // a second reload, if the debounce failed, would have happened by now

        assertThat(watchAttempts() - attemptsBefore).isEqualTo(1.0);
        assertThat(ruleset("lastReload.status")).isEqualTo("activated");
        assertThat(ruleset("lastReload.trigger")).isEqualTo("watch");
        String reviewed = ruleset("version");
        assertThat(reviewed).isNotEqualTo(before);

        lastAt = ruleset("lastReload.at");
        RuleEdits.breakSyntax(RULES);
        awaitLastReloadAfter(lastAt);

        assertThat(ruleset("lastReload.status")).isEqualTo("refused");
        assertThat(ruleset("version")).isEqualTo(reviewed);
        String file = given().auth().preemptive().basic("auditor", "auditor").when().get("/api/v1/ruleset")
                .then().extract().path("lastReload.errors[0].file");
        assertThat(file).isEqualTo("causes/electrolyte-imbalance.drl");
    }
}
