package org.crampadvisor.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sign-in form at the HTTP level: it carries a CSRF token that the sign-in must send back
 * with the browser's cookie, and a user name that keeps failing must wait, even with the right password,
 * and is told so on the sign-in page. Nothing refused leaves a session cookie behind.
 */
@QuarkusTest
class ConsoleSignInTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([A-Za-z0-9_-]{43})\"");
    private static final String SESSION_COOKIE = "quarkus-credential";

    /** What a browser holds after opening the sign-in page: its CSRF cookie and the form's token. */
    private record SignInPage(Map<String, String> cookies, String token) {
    }

    @Test
    void signsInWithTheTokenOfItsSignInPage() {
        SignInPage form = openSignInPage();
        Response answer = post(form.cookies(), form.token(), "form-tester", "form-tester-secret");
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.header("Location")).endsWith("/console");
        assertThat(answer.cookie(SESSION_COOKIE)).isNotBlank();
    }

    @Test
    void refusesASignInWithoutTheTokenOfItsPageBeforeCheckingThePassword() {
        SignInPage form = openSignInPage();
        // Another site's form: it cannot read the token, and the SameSite=Strict cookie is not sent with it.
        assertRefusedAsExpired(post(Map.of(), form.token(), "requester", "requester"));
        assertRefusedAsExpired(post(form.cookies(), null, "requester", "requester"));
        assertRefusedAsExpired(post(form.cookies(), openSignInPage().token(), "requester", "requester"));

        String page = given().when().get("/console/sign-in?expired=true").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"sign-in-expired\"").doesNotContain("id=\"sign-in-failed\"");
    }

    @Test
    void makesAUserNameThatKeepsFailingWaitEvenWithTheRightPassword() {
        SignInPage form = openSignInPage();
        // The test profile lets a user fail 5 times freely; the 6th failure makes it wait 10 minutes.
        for (int i = 1; i <= 6; i++) {
            Response wrong = post(form.cookies(), form.token(), "form-tester", "guess-" + i);
            assertThat(wrong.header("Location")).as("failure %d", i).endsWith("/console/sign-in?failed=true");
            assertThat(wrong.cookie(SESSION_COOKIE)).isNull();
        }
        Response waiting = post(form.cookies(), form.token(), "form-tester", "form-tester-secret");
        assertThat(waiting.statusCode()).isBetween(302, 303);
        Matcher wait = Pattern.compile("/console/sign-in\\?wait=(\\d+)$").matcher(waiting.header("Location"));
        assertThat(wait.find()).as("sent to wait, not signed in: %s", waiting.header("Location")).isTrue();
        // At most the 10 minutes of the test profile's first delay; how much of it is left depends on the clock.
        assertThat(Long.parseLong(wait.group(1))).isBetween(1L, 600L);
        assertThat(waiting.cookie(SESSION_COOKIE)).isNull();

        String page = given().when().get("/console/sign-in?wait=" + wait.group(1)).then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("wait " + wait.group(1) + " seconds");
        // Another user from the same address is not held up by it.
        Response other = post(form.cookies(), form.token(), "requester", "requester");
        assertThat(other.header("Location")).endsWith("/console");
    }

    @Test
    void ignoresAWaitHintThatIsNotANumberOfSeconds() {
        String page = given().when().get("/console/sign-in?wait=<b>soon</b>").then().statusCode(200)
                .extract().asString();
        assertThat(page).doesNotContain("id=\"sign-in-wait\"").doesNotContain("<b>soon</b>");
    }

    private static SignInPage openSignInPage() {
        Response page = given().redirects().follow(false).when().get("/console/sign-in");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher token = TOKEN.matcher(page.asString());
        assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
        assertThat(page.cookie(ConsoleCsrf.COOKIE)).isEqualTo(token.group(1));
        return new SignInPage(page.cookies(), token.group(1));
    }

    private static Response post(Map<String, String> cookies, String token, String user, String password) {
        var request = given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password);
        if (token != null) {
            request.formParam(ConsoleCsrf.FIELD, token);
        }
        return request.when().post(SignInGate.POST_LOCATION);
    }

    private static void assertRefusedAsExpired(Response answer) {
        assertThat(answer.statusCode()).isBetween(302, 303);
        assertThat(answer.header("Location")).endsWith("/console/sign-in?expired=true");
        assertThat(answer.cookie(SESSION_COOKIE)).isNull();
    }
}
