package org.crampadvisor.console;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.assertj.core.api.Assertions;
import jakarta.inject.Inject;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.audit.Feedback;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.scenario.ScenarioLoader;
import org.crampadvisor.scenario.ScenarioRunner;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.EvaluationService;
import org.crampadvisor.audit.FeedbackLog;
import org.crampadvisor.lifecycle.EditableRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

/**
 * The console in a real browser (Debian's Chromium through Playwright): signing in per role and what each
 * role sees, the pages clinicians and auditors work with, a refused reload's banner, CSRF, escaping,
 * security headers, and accessibility (axe-core) of every page. Each page is photographed at 1280×800
 * under {@code target/console-screenshots/}.
 */
@QuarkusTest
@TestProfile(EditableRules.class)
class ConsoleBrowserTest {

    private static final String POTASSIUM_PATTERN = "$lab   : LabResult( analyte == \"potassium\", canonicalValue < $limit.value )\n";
    private static final String SCRIPT = "<script>alert(1)</script>";
    /** The scenario of the rules holding SPEC section 3's example request. */
    private static final String SPEC_EXAMPLE = "scenarios/spec-example-request.yaml";

    @TestHTTPResource("/")
    URL root;

    @Inject
    FeedbackLog feedbackLog;

    @Inject
    EvaluationService evaluations;

    @Inject
    ObjectMapper json;

    @Inject
    ActiveRuleset activeRuleset;

    private static Playwright playwright;
    private static BrowserContext browser;
    private Page page;
    private final List<String> dialogs = new ArrayList<>();
    private final List<String> blockedByPolicy = new ArrayList<>();
    /** What the browser was answered, for the message of a failed sign-in. */
    private final List<String> exchanges = new ArrayList<>();

    @BeforeAll
    static void startBrowser() {
        Chromium.requireChromium();
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void freshPage() {
        EditableRules.restore(EditableRules.FOLDER);
        given().auth().preemptive().basic("rule-admin", "rule-admin").when().post("/api/v1/ruleset/reload")
                .then().statusCode(200);
        browser.clearCookies();
        page = browser.newPage();
        page.setDefaultTimeout(30_000);
        page.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        page.onResponse(response -> exchanges.add(response.request().method() + " " + response.url() + " -> "
                + response.status() + (response.headerValue("location") == null ? "" : " " + response.headerValue("location"))));
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                blockedByPolicy.add(message.text());
            }
        });
    }

    @AfterEach
    void closePage() {
        page.close();
        Assertions.assertThat(dialogs).as("no script may run from data shown on a page").isEmpty();
        Assertions.assertThat(blockedByPolicy).as("the console's own pages break none of its security policy").isEmpty();
    }

    @Test
    void theRootLeadsToSignInAndEachRoleSeesItsOwnPages() {
        Response first = page.navigate(url("/"));
        assertThat(page).hasURL(Pattern.compile(".*/console/sign-in$"));
        Assertions.assertThat(first.status()).isEqualTo(200);

        signIn("requester");
        assertThat(page).hasURL(Pattern.compile(".*/console/evaluate$"));
        Assertions.assertThat(navigation()).containsExactly("Evaluate", "Rules", "Ruleset");
        assertThat(page.locator(".who")).containsText("requester");
        Assertions.assertThat(page.navigate(url("/console/audit")).status()).isEqualTo(403);
        assertThat(page.locator("main")).containsText("Only an auditor");
        signOut();

        signIn("auditor");
        assertThat(page).hasURL(Pattern.compile(".*/console/audit$"));
        Assertions.assertThat(navigation()).containsExactly("Audit", "Feedback", "Rules", "Ruleset");
        Assertions.assertThat(page.navigate(url("/console/evaluate")).status()).isEqualTo(403);
        page.navigate(url("/console/ruleset"));
        assertThat(page.locator("#reload")).hasCount(0);
        signOut();

        signIn("rule-admin");
        assertThat(page).hasURL(Pattern.compile(".*/console/rules$"));
        Assertions.assertThat(navigation()).containsExactly("Rules", "Ruleset");
        page.navigate(url("/console/ruleset"));
        assertThat(page.locator("#reload")).isVisible();
        signOut();

        // Signed out means signed out: a console page sends the browser back to the sign-in page.
        page.navigate(url("/console/ruleset"));
        assertThat(page).hasURL(Pattern.compile(".*/console/sign-in$"));
    }

    @Test
    void aWrongPasswordIsRefusedOnTheSignInPage() {
        page.navigate(url("/console/sign-in"));
        page.getByLabel("User name").fill("auditor");
        page.getByLabel("Password").fill("not-the-password");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.locator("#sign-in-failed")).isVisible();
        accessibleAndPhotographed("sign-in");
        Assertions.assertThat(page.navigate(url("/console/audit")).url()).endsWith("/console/sign-in");
    }

    @Test
    void pagesCarryTheirSecurityHeaders() {
        signIn("auditor");
        Response response = page.navigate(url("/console/ruleset"));
        String policy = response.headerValue("content-security-policy");
        Assertions.assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        Assertions.assertThat(response.headerValue("x-frame-options")).isEqualTo("DENY");
        Assertions.assertThat(response.headerValue("x-content-type-options")).isEqualTo("nosniff");
        Assertions.assertThat(response.headerValue("cache-control")).isEqualTo("no-store");
        // The API keeps HTTP Basic: no redirect to a sign-in page for a client without credentials.
        given().when().get("/api/v1/ruleset").then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic"));
    }

    @Test
    void theRulesetPageShowsTheActiveVersionAndTheLastReload() {
        String version = given().auth().preemptive().basic("auditor", "auditor").when().get("/api/v1/ruleset")
                .then().statusCode(200).extract().path("version");
        signIn("rule-admin");
        page.navigate(url("/console/ruleset"));
        assertThat(page.locator("#active-version")).hasText(version);
        page.locator("#reload").click();
        assertThat(page).hasURL(Pattern.compile(".*/console/ruleset#last-reload$"));
        assertThat(page.locator("#reload-status")).hasText("unchanged");
        assertThat(page.locator("#refused-banner")).hasCount(0);
        accessibleAndPhotographed("ruleset");
    }

    @Test
    void aRefusedReloadShowsItsProblemsAndABannerOnEveryPage() throws IOException {
        Path drl = EditableRules.FOLDER.resolve("causes/electrolyte-imbalance.drl");
        String text = Files.readString(drl);
        Files.writeString(drl, text.replace(POTASSIUM_PATTERN, POTASSIUM_PATTERN.replace(" )\n", "\n")));
        try {
            signIn("rule-admin");
            page.navigate(url("/console/ruleset"));
            page.locator("#reload").click();
            assertThat(page.locator("#reload-status")).hasText("refused");
            assertThat(page.locator("#reload-errors")).containsText("causes/electrolyte-imbalance.drl");
            assertThat(page.locator("#reload-errors")).containsText("compile");
            assertThat(page.locator("#refused-banner")).containsText("was refused");
            accessibleAndPhotographed("ruleset-refused");
            signOut();

            // Every page, for every role, while the refusal stands.
            signIn("requester");
            assertThat(page.locator("#refused-banner")).isVisible();
            page.navigate(url("/console/rules"));
            assertThat(page.locator("#refused-banner")).isVisible();
            page.locator("#refused-banner a").click();
            assertThat(page.locator("#reload-errors")).containsText("causes/electrolyte-imbalance.drl");
        } finally {
            EditableRules.restore(EditableRules.FOLDER);
            given().auth().preemptive().basic("rule-admin", "rule-admin").when().post("/api/v1/ruleset/reload")
                    .then().statusCode(200);
        }
        page.navigate(url("/console/rules"));
        assertThat(page.locator("#refused-banner")).hasCount(0);
    }

    @Test
    void aRuleAdminPreviewsTheImpactOfTheFolderOnDiskAndSeesARefusedFoldersProblems() throws IOException {
        String nearTheLimit = evaluate("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.45, \"unit\": \"mmol/L\"}]}");
        String wellBelow = evaluate("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mmol/L\"}]}");
        try {
            Path thresholds = EditableRules.FOLDER.resolve("tables/thresholds.csv");
            Files.writeString(thresholds, Files.readString(thresholds).replace("potassium.low,3.5,", "potassium.low,3.4,"));
            signIn("rule-admin");
            page.navigate(url("/console/ruleset"));
            String active = page.locator("#active-version").textContent();
            page.locator("#preview-impact").click();
            assertThat(page).hasURL(Pattern.compile(".*/console/ruleset/impact\\?id=[0-9a-f-]{36}$"));
            // The page follows the background preview until it is done.
            assertThat(page.locator("#impact-state")).hasText("done",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(120_000));
            Assertions.assertThat(Long.parseLong(page.locator("#impact-compared").textContent())).isGreaterThanOrEqualTo(2);
            Assertions.assertThat(Long.parseLong(page.locator("#impact-changed").textContent())).isGreaterThanOrEqualTo(1);
            assertThat(page.locator("#impact-examples")).containsText(nearTheLimit);
            assertThat(page.locator("#impact-examples")).not().containsText(wellBelow);
            assertThat(page.locator("#impact-causes")).containsText("ELECTROLYTE_IMBALANCE");
            assertThat(page.locator("#impact-rules")).containsText("Low serum potassium");
            // A rule-admin sees what would change; opening a decision needs the auditor role.
            assertThat(page.locator("#impact-examples a")).hasCount(0);
            accessibleAndPhotographed("impact");
            // Nothing was activated.
            page.navigate(url("/console/ruleset"));
            assertThat(page.locator("#active-version")).hasText(active);

            Path drl = EditableRules.FOLDER.resolve("causes/electrolyte-imbalance.drl");
            Files.writeString(drl, Files.readString(drl).replace(POTASSIUM_PATTERN, POTASSIUM_PATTERN.replace(" )\n", "\n")));
            page.locator("#preview-impact").click();
            assertThat(page.locator("#impact-state")).hasText("failed");
            assertThat(page.locator("#impact-errors")).containsText("causes/electrolyte-imbalance.drl");
            assertThat(page.locator("#impact-report")).hasCount(0);
            accessibleAndPhotographed("impact-refused");
            // A preview is not a reload: no banner.
            assertThat(page.locator("#refused-banner")).hasCount(0);
        } finally {
            // The folder on disk as shipped again, for whatever runs next on this service.
            EditableRules.restore(EditableRules.FOLDER);
        }
    }

    @Test
    void anAuditorSeesCardFeedbackByRuleAndTheOverrideReasonsLinkedToTheirDecisions() {
        String rule = "Feedback rule " + UUID.randomUUID().toString().substring(0, 8);
        String decision = evaluate("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mmol/L\"}]}");
        Instant now = Instant.now();
        feedbackLog.append(Feedback.received(UUID.randomUUID().toString(), "leg-cramp-causes", UUID.fromString(decision),
                "accepted", null, now, now, List.of(rule)));
        for (int i = 0; i < 2; i++) {
            feedbackLog.append(Feedback.received(UUID.randomUUID().toString(), "leg-cramp-causes", UUID.fromString(decision),
                    "overridden", "{\"reason\": {\"code\": \"d7ecf885\", \"display\": \"Patient refused\"}, "
                            + "\"userComment\": \"" + SCRIPT + " " + i + "\"}", now, now.plusMillis(1 + i), List.of(rule)));
        }
        signIn("auditor");
        Assertions.assertThat(navigation()).containsExactly("Audit", "Feedback", "Rules", "Ruleset");
        page.navigate(url("/console/feedback?rule=" + Links.encode(rule)));
        assertThat(page.locator("#feedback-by-rule tbody tr")).hasCount(1);
        assertThat(page.locator("#feedback-by-rule tbody tr td").nth(1)).hasText("1");
        assertThat(page.locator("#feedback-by-rule tbody tr td").nth(2)).hasText("2");
        accessibleAndPhotographed("feedback");

        page.locator("#feedback-by-rule tbody tr td").nth(2).locator("a").click();
        assertThat(page).hasURL(Pattern.compile(".*/console/feedback\\?rule=.*&outcome=overridden$"));
        assertThat(page.getByLabel("Outcome")).hasValue("overridden");
        page.getByLabel("Per page").fill("1");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        assertThat(page.locator("tr.feedback")).hasCount(1);
        assertThat(page.locator("tr.feedback").first()).containsText("Patient refused");
        assertThat(page.locator("tr.feedback").first()).containsText(SCRIPT + " 1");
        page.locator("#load-more").click();
        assertThat(page.locator("tr.feedback")).hasCount(2);
        assertThat(page.locator("tr.feedback").nth(1)).containsText(SCRIPT + " 0");
        assertThat(page.locator("#load-more")).hasCount(0);

        page.locator("tr.feedback").first().locator("a[href*='" + decision + "']").click();
        assertThat(page.locator("#record-principal")).hasText("requester");
        // The card's rule is not in the active ruleset (as after a rule was removed): its link still leads somewhere.
        page.goBack();
        page.locator("tr.feedback").first().locator("a.tag").click();
        assertThat(page.locator("#rule-not-active")).containsText(rule);
        page.locator("#audit-link").click();
        assertThat(page.locator("#rule")).hasValue(rule);
        Assertions.assertThat(page.navigate(url("/console/feedback?outcome=maybe")).status()).isEqualTo(200);
        assertThat(page.locator("#outcome-error")).containsText("accepted");
        signOut();
        signIn("requester");
        Assertions.assertThat(page.navigate(url("/console/feedback")).status()).isEqualTo(403);
    }

    @Test
    void theExplanationOfTheSpecExamplesHydrateHighlightsItsChainBackToTheLab() throws IOException {
        signIn("requester");
        loadExample(SPEC_EXAMPLE);
        page.locator("#evaluate").click();
        assertThat(page.locator("#evaluation-done")).isVisible();
        String id = page.locator("#evaluation-id").textContent().strip();
        page.locator("#why-advice-HYDRATE").click();
        assertThat(page).hasURL(Pattern.compile(".*/console/explain\\?id=" + id + "&focus=advice(:|%3A)HYDRATE$"));
        // Rendered on the server: the chain in words, and the picture with the chain lit and the rest dimmed.
        assertThat(page.locator("#chains")).containsText("HYDRATE ← ");
        assertThat(page.locator("#chains")).containsText("ELECTROLYTE_IMBALANCE ← Low serum potassium (causes/electrolyte-imbalance.drl:");
        assertThat(page.locator("#chains")).containsText("labs[0] potassium 3.1");
        Locator hydrate = page.locator("#derivation g[data-node='advice:HYDRATE']");
        assertThat(hydrate).hasClass(Pattern.compile("\\bfocus\\b"));
        Locator potassium = page.locator("#derivation g.input", new Page.LocatorOptions().setHasText("labs[0] potassium"));
        assertThat(potassium).hasClass(Pattern.compile("\\blit\\b"));
        assertThat(page.locator("#derivation g[data-node='cause:ELECTROLYTE_IMBALANCE']")).hasClass(Pattern.compile("\\blit\\b"));
        Locator neurological = page.locator("#derivation g[data-node='cause:NEUROLOGICAL_DISORDER']");
        assertThat(neurological).hasClass(Pattern.compile("\\bdim\\b"));
        // Inputs no rule used are there, greyed.
        assertThat(page.locator("#derivation g.unused").first()).isVisible();
        assertThat(page.locator("#explain-firings")).containsText("causes/electrolyte-imbalance.drl:");
        accessibleAndPhotographed("explanation");
        Assertions.assertThat((Boolean) page.evaluate("() => { const frame = document.querySelector('.graph-frame'); "
                + "return frame.scrollWidth <= frame.clientWidth; }")).as("the picture fits 1280 px without scrolling sideways")
                .isTrue();

        // In the browser, selecting another node moves the highlight (external script; the CSP holds).
        neurological.click();
        assertThat(neurological).hasClass(Pattern.compile("\\bfocus\\b"));
        assertThat(neurological).hasAttribute("aria-pressed", "true");
        assertThat(hydrate).hasClass(Pattern.compile("\\bdim\\b"));
        assertThat(page.locator("#derivation g.input", new Page.LocatorOptions().setHasText("tremor")).first())
                .hasClass(Pattern.compile("\\blit\\b"));

        // The why-not and the inputs not given, for an answer without magnesium.
        String potassiumOnly = evaluate("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mmol/L\"}]}");
        page.navigate(url("/console/explain?id=" + potassiumOnly));
        assertThat(page.locator("#missing-inputs")).containsText("not assessed: serum magnesium");
        assertThat(page.locator("#why-not")).containsText("not concluded: ");
        assertThat(page.locator("#why-not")).containsText(" because");
        // A requester opens only their own answers.
        String someoneElses = json.readTree(evaluations.evaluate(json.readValue(
                "{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mmol/L\"}]}",
                EvaluationRequest.class), "clinic-system").json()).path("evaluationId").asText();
        Assertions.assertThat(page.navigate(url("/console/explain?id=" + someoneElses)).status()).isEqualTo(404);
        assertThat(page.locator("main")).containsText("No answer of yours");
        signOut();

        // An auditor opens it from any record; another requester's answer is not a requester's to open.
        signIn("auditor");
        page.navigate(url("/console/audit/record?id=" + id));
        page.locator("#explain-link").click();
        assertThat(page.locator("#derivation g[data-node='advice:HYDRATE']")).isVisible();
        assertThat(page.locator("#record-link")).isVisible();
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefused() {
        signIn("rule-admin");
        page.navigate(url("/console/ruleset"));
        String before = page.locator("#active-version").textContent();
        APIResponse forged = page.request().post(url("/console/ruleset/reload"),
                RequestOptions.create().setForm(FormData.create().set("anything", "1")));
        Assertions.assertThat(forged.status()).isEqualTo(400);
        APIResponse wrongToken = page.request().post(url("/console/ruleset/reload"),
                RequestOptions.create().setForm(FormData.create().set("csrf-token", "not-the-token")));
        Assertions.assertThat(wrongToken.status()).isEqualTo(400);
        APIResponse scenario = page.request().post(url("/console/evaluate/scenario"), RequestOptions.create()
                .setForm(FormData.create().set("csrf-token", "not-the-token").set("name", "x").set("json", "{}")));
        Assertions.assertThat(scenario.status()).isEqualTo(400);
        APIResponse signOut = page.request().post(url("/console/sign-out"),
                RequestOptions.create().setForm(FormData.create().set("csrf-token", "not-the-token")));
        Assertions.assertThat(signOut.status()).isEqualTo(400);
        // Still signed in, nothing reloaded.
        page.navigate(url("/console/ruleset"));
        assertThat(page.locator("#active-version")).hasText(before);
        assertThat(page.locator(".who")).containsText("rule-admin");
    }

    @Test
    void theRulesPageCountsDecisionsAndLeadsToTheAuditSearch() {
        String id = evaluate("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mmol/L\"}]}");
        signIn("auditor");
        page.navigate(url("/console/rules"));
        assertThat(page.locator("#rules")).containsText("causes/electrolyte-imbalance.drl:");
        assertThat(page.locator("#rules-summary")).containsText("never fired");
        assertThat(page.locator("#rules tr", new Page.LocatorOptions().setHasText("Low serum potassium")).locator("td").nth(5))
                .not().hasText("never fired");
        assertThat(page.locator(".never").first()).isVisible();
        accessibleAndPhotographed("rules");

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Low serum potassium").setExact(true)).click();
        assertThat(page.locator("h1")).hasText("Low serum potassium");
        assertThat(page.locator("#rule-location")).containsText("causes/electrolyte-imbalance.drl:");
        assertThat(page.locator("#rule-source")).containsText("rule \"Low serum potassium\"");
        assertThat(page.locator("#rule-source")).containsText("end");
        accessibleAndPhotographed("rule");

        page.locator("#audit-link").click();
        assertThat(page).hasURL(Pattern.compile(".*/console/audit\\?rule=Low%20serum%20potassium$"));
        assertThat(page.locator("#rule")).hasValue("Low serum potassium");
        assertThat(page.locator("#decision-rows a[href*='" + id + "']")).hasCount(1);
    }

    @Test
    void anAuditorSearchesByRuleFollowsTheCursorOpensARecordAndReplaysIt() {
        String tag = "p-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(evaluate("{\"patient\": {\"id\": \"" + tag + "\"}, \"labs\": [{\"analyte\": \"potassium\", \"value\": 3."
                    + i + ", \"unit\": \"mmol/L\"}], \"conditions\": [\"" + SCRIPT.replace("\"", "\\\"") + "\"]}"));
        }
        signIn("auditor");
        page.navigate(url("/console/audit"));
        page.getByLabel("Rule that fired").fill("Low serum potassium");
        page.getByLabel("Patient id").fill(tag);
        page.getByLabel("Per page").fill("2");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        assertThat(page).hasURL(Pattern.compile(".*/console/audit\\?rule=Low(\\+|%20)serum(\\+|%20)potassium&.*patientId=" + tag + ".*"));
        assertThat(page.locator("tr.decision")).hasCount(2);
        assertThat(page.locator("tr.decision").first()).containsText("ELECTROLYTE_IMBALANCE (likely)");
        accessibleAndPhotographed("audit");

        page.locator("#load-more").click();
        assertThat(page.locator("tr.decision")).hasCount(3);
        assertThat(page.locator("#load-more")).hasCount(0);
        for (String id : ids) {
            assertThat(page.locator("#decision-rows a[href*='" + id + "']")).hasCount(1);
        }

        // The oldest of the three, opened from its row.
        page.locator("#decision-rows a[href*='" + ids.get(0) + "']").click();
        assertThat(page.locator("#record-principal")).hasText("requester");
        assertThat(page.locator("#answer-causes")).containsText("Electrolyte imbalance");
        assertThat(page.locator("#answer-unrecognized")).containsText(SCRIPT);
        assertThat(page.locator("#record-request")).not().containsText(tag);
        accessibleAndPhotographed("record");

        page.locator("#replay-link").click();
        assertThat(page.locator("#replay-reproduces")).hasText("yes");
        assertThat(page.locator("#replay-same")).hasText("yes");
        assertThat(page.locator("#replay-original")).containsText("cause ELECTROLYTE_IMBALANCE (likely)");
        assertThat(page.locator("#replay-active")).containsText("advice BALANCED_DIET");
        assertThat(page.locator("#replay-active .added")).hasCount(0);
        accessibleAndPhotographed("replay");
    }

    @Test
    void theAuditSearchExportsTheFilteredSet() {
        String tag = "p-" + UUID.randomUUID().toString().substring(0, 8);
        String id = evaluate("{\"patient\": {\"id\": \"" + tag + "\"}, \"medications\": [{\"name\": \"Lasix\"}]}");
        signIn("auditor");
        page.navigate(url("/console/audit?patientId=" + tag));
        String csv = page.request().get(page.locator("#export-csv").getAttribute("href").startsWith("/")
                ? url(page.locator("#export-csv").getAttribute("href")) : page.locator("#export-csv").getAttribute("href")).text();
        List<String> lines = csv.lines().toList();
        Assertions.assertThat(lines).hasSize(2);
        Assertions.assertThat(lines.get(0)).startsWith("evaluationId,evaluatedAt,principal");
        Assertions.assertThat(lines.get(1)).startsWith(id).contains("MEDICATION_OR_SUBSTANCE:likely").contains("Diuretic medication");
        String json = page.request().get(url(page.locator("#export-json").getAttribute("href"))).text();
        Assertions.assertThat(json).contains("\"evaluationId\":\"" + id + "\"").contains("\"truncated\":false")
                .doesNotContain(tag);
    }

    @Test
    void aBadFilterIsNamedBesideItsField() {
        signIn("auditor");
        page.navigate(url("/console/audit?rulesetVersion=sha1:abc&rule=" + java.net.URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8)));
        assertThat(page.locator("#rulesetVersion-error")).containsText("sha256:");
        assertThat(page.locator("#rule")).hasValue(SCRIPT);
        assertThat(page.locator("#rulesetVersion")).hasAttribute("aria-invalid", "true");
    }

    @Test
    void aRequesterEvaluatesTheSpecExampleFromTheFormAndFromJson() throws IOException {
        signIn("requester");
        loadExample(SPEC_EXAMPLE);
        assertThat(page.getByLabel("Age (years)")).hasValue("67");
        assertThat(page.getByLabel("Unit 2")).hasValue("mg/dL");
        assertThat(page.getByLabel("Medications")).hasValue("Lasix");
        page.locator("#evaluate").click();
        assertThat(page.locator("#evaluation-done")).isVisible();
        assertThat(page.locator("#answer-causes")).containsText("ELECTROLYTE_IMBALANCE: likely");
        assertThat(page.locator("#answer-causes")).containsText("NEUROLOGICAL_DISORDER: likely");
        assertThat(page.locator("#answer-causes")).containsText("Serum potassium 3.1 mmol/L is below 3.5 mmol/L");
        assertThat(page.locator("#answer-advice")).containsText("CONSULT_PROFESSIONAL");
        assertThat(page.locator("#answer-unrecognized")).containsText("hypertension");
        assertThat(page.locator("#answer-disclaimer")).containsText("not a diagnosis");
        assertThat(page.locator("#curl")).containsText("/api/v1/evaluations");
        assertThat(page.locator("#curl")).containsText("\"Lasix\"");
        String fromForm = page.locator("#evaluation-id").textContent();
        accessibleAndPhotographed("evaluate");

        // Kept as a scenario: the file reads back and passes on the rules that answered, without the patient id.
        page.getByLabel("Scenario name").fill("SPEC example, saved from the console");
        Download download = page.waitForDownload(() -> page.locator("#save-scenario").click());
        Assertions.assertThat(download.suggestedFilename()).isEqualTo("spec-example-saved-from-the-console.yaml");
        Path scenarios = Chromium.SCREENSHOTS.resolveSibling("console-scenarios");
        Path saved = scenarios.resolve(download.suggestedFilename());
        download.saveAs(saved);
        Assertions.assertThat(Files.readString(saved)).contains("by requester").doesNotContain("p-123");
        ScenarioLoader.Loaded loaded = ScenarioLoader.load(scenarios, saved);
        Assertions.assertThat(loaded.error()).isNull();
        Assertions.assertThat(new ScenarioRunner().run(activeRuleset.get(), loaded).failures()).isEmpty();
        // The answer is the API's, recorded like any other.
        given().auth().preemptive().basic("auditor", "auditor").when().get("/api/v1/evaluations/" + fromForm)
                .then().statusCode(200).body("principal", org.hamcrest.Matchers.is("requester"))
                .body("response.causes.code", org.hamcrest.Matchers.hasItems("ELECTROLYTE_IMBALANCE", "NEUROLOGICAL_DISORDER",
                        "MEDICATION_OR_SUBSTANCE"));

        page.locator("#json-tab").click();
        String example = new String(getClass().getResourceAsStream("/spec-example.json").readAllBytes(), StandardCharsets.UTF_8);
        page.getByLabel(Pattern.compile("^Request body")).fill(example);
        page.locator("#evaluate-json").click();
        assertThat(page.locator("#evaluation-done")).isVisible();
        Assertions.assertThat(page.locator("#evaluation-id").textContent()).isNotEqualTo(fromForm);
        assertThat(page.locator("#answer-causes")).containsText("MEDICATION_OR_SUBSTANCE: likely");
        assertThat(page.locator("#answer-withheld li")).hasCount(0);
        accessibleAndPhotographed("evaluate-json");
    }

    @Test
    void aClinicianSignsInEvaluatesAnExampleAndFollowsWhyWithTheKeyboardAlone() {
        page.navigate(url("/console/sign-in"));
        // The user name field has the focus; no mouse from here on.
        page.keyboard().type("requester");
        page.keyboard().press("Tab");
        page.keyboard().type("requester");
        page.keyboard().press("Enter");
        assertThat(page.locator(".who")).containsText("requester");

        // The first stop of every page skips the navigation.
        page.keyboard().press("Tab");
        Assertions.assertThat((String) page.evaluate("() => document.activeElement.textContent")).isEqualTo("Skip to content");

        Locator examples = page.locator("#example");
        tabTo(examples, 20);
        List<String> files = examples.locator("option").all().stream().map(o -> o.getAttribute("value")).toList();
        for (int i = 0; i < files.size() && !SPEC_EXAMPLE.equals(examples.inputValue()); i++) {
            page.keyboard().press("ArrowDown");
        }
        assertThat(examples).hasValue(SPEC_EXAMPLE);
        tabTo(page.locator("#load-example"), 3);
        page.keyboard().press("Enter");
        assertThat(page.getByLabel("Age (years)")).hasValue("67");

        tabTo(page.locator("#evaluate"), 300);
        page.keyboard().press("Enter");
        assertThat(page.locator("#evaluation-done")).isVisible();
        tabTo(page.locator("#why-advice-HYDRATE"), 300);
        page.keyboard().press("Enter");
        assertThat(page.locator("#chains")).containsText("HYDRATE ← ");

        // In the picture, Tab reaches each node and Enter selects it.
        Locator neurological = page.locator("#derivation g[data-node='cause:NEUROLOGICAL_DISORDER']");
        tabTo(neurological, 200);
        page.keyboard().press("Enter");
        assertThat(neurological).hasAttribute("aria-pressed", "true");
        assertThat(page.locator("#derivation g[data-node='advice:HYDRATE']")).hasClass(Pattern.compile("\\bdim\\b"));
    }

    @Test
    void aWrongUnitInTheFormIsShownBesideItsFieldAsTheApiNamesIt() {
        String problem = given().auth().preemptive().basic("requester", "requester").contentType(ContentType.JSON)
                .body("{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mg/dL\"}]}")
                .when().post("/api/v1/evaluations").then().statusCode(400).extract().path("errors[0].message");
        signIn("requester");
        page.getByLabel("Analyte 1").selectOption("potassium");
        page.getByLabel("Value 1").fill("3.1");
        page.getByLabel("Unit 1").selectOption("mg/dL");
        page.getByLabel("Age (years)").fill("abc");
        page.locator("#evaluate").click();
        assertThat(page.locator("#patient-age-error")).hasText("must be a number, with a dot for decimals (e.g. 3.1)");
        page.getByLabel("Age (years)").fill("67");
        page.locator("#evaluate").click();
        assertThat(page.locator("#lab-0-unit-error")).hasText(problem);
        assertThat(page.getByLabel("Unit 1")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Unit 1")).hasValue("mg/dL");
        assertThat(page.locator("#form-errors")).containsText("labs[0].unit");
        assertThat(page.locator("#evaluation-done")).hasCount(0);
        accessibleAndPhotographed("evaluate-field-error");
    }

    @Test
    void aConditionNamedLikeAScriptIsShownAsText() {
        signIn("requester");
        page.getByLabel("Conditions").fill(SCRIPT);
        page.locator("#evaluate").click();
        assertThat(page.locator("#answer-unrecognized")).containsText(SCRIPT);
        assertThat(page.getByLabel("Conditions")).hasValue(SCRIPT);
        Assertions.assertThat(page.content()).doesNotContain(SCRIPT);
    }

    private String evaluate(String body) {
        return given().auth().preemptive().basic("requester", "requester").contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/evaluations").then().statusCode(200).extract().path("evaluationId");
    }

    private void loadExample(String scenarioFile) {
        page.getByLabel("Start from an example patient").selectOption(scenarioFile);
        page.locator("#load-example").click();
        assertThat(page.getByLabel("Start from an example patient")).hasValue(scenarioFile);
    }

    /** Presses Tab until {@code target} has the keyboard focus, at most {@code atMost} times. */
    private void tabTo(Locator target, int atMost) {
        for (int i = 0; i < atMost; i++) {
            page.keyboard().press("Tab");
            if ((Boolean) target.evaluate("e => e === document.activeElement")) {
                return;
            }
        }
        Object focused = page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 120)");
        throw new AssertionError("Tab never reached " + target + " in " + atMost + " presses; focus is on " + focused);
    }

    private void signIn(String user) {
        page.navigate(url("/console/sign-in"));
        page.getByLabel("User name").fill(user);
        page.getByLabel("Password").fill(user);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        try {
            assertThat(page.locator(".who")).containsText(user);
        } catch (AssertionError e) {
            throw new AssertionError("signing in as " + user + " ended on " + page.url() + " after " + exchanges
                    + (blockedByPolicy.isEmpty() ? "" : ", the security policy blocking " + blockedByPolicy), e);
        }
    }

    private void signOut() {
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(Pattern.compile(".*/console/sign-in\\?signedOut=true$"));
    }

    private List<String> navigation() {
        return page.locator("nav[aria-label=Console] a").allInnerTexts();
    }

    private String url(String path) {
        String base = root.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    /** axe-core's WCAG 2 A and AA rules find nothing, and the page is photographed at 1280×800. */
    private void accessibleAndPhotographed(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve(name + ".png")));
        page.evaluate(Chromium.axeSource());
        Object violations = page.evaluate("async () => { const result = await axe.run(document, "
                + "{ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }); "
                + "return result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' "
                + "+ v.nodes.map(n => n.target.join(' ')).join(' | ')); }");
        Assertions.assertThat((List<?>) violations).as("axe-core on the " + name + " page").isEmpty();
    }
}
