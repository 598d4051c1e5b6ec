package org.crampadvisor.lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.crampadvisor.engine.RulesFolder;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With advisor.rules.watch=true, saving several rule files is one reload, and a refused one keeps the old
 * rules. Waits for the reload events; the debounce itself is tested deterministically in
 * RulesFolderWatcherTest.
 */
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

    /** Waits for the next reload the watcher starts: the event is a new lastReload.at. */
    private static void awaitLastReloadAfter(String at) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (at.equals(ruleset("lastReload.at"))) {
            assertThat(System.nanoTime()).as("a reload started by the watcher within a minute").isLessThan(deadline);
            Thread.sleep(50);
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
        String withAllFive = RulesFolder.read(RULES).version();
        awaitLastReloadAfter(lastAt);

        // The first reload after the saves already saw all five files, and it was the only one.
        assertThat(ruleset("lastReload.candidateVersion")).isEqualTo(withAllFive);
        assertThat(ruleset("lastReload.status")).isEqualTo("activated");
        assertThat(ruleset("lastReload.trigger")).isEqualTo("watch");
        assertThat(watchAttempts() - attemptsBefore).isEqualTo(1.0);
        String reviewed = ruleset("version");
        assertThat(reviewed).isEqualTo(withAllFive).isNotEqualTo(before);

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
