package io.pilotage.e2e.console;

import io.pilotage.e2e.PilotageStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console walked in a real browser (Debian's Chromium, headless, driven through its
 * chromedriver) as each demo user: sign in on Keycloak's page, the portfolio, a RED KPI and its
 * explanation, its alert acknowledged by its owner and not offered to an analyst nor to another
 * project's owner, a review, sign out. Each page's screenshot goes to target/screenshots; no request
 * leaves loopback and no page logs an error (a script blocked by the content security policy would).
 */
@ExtendWith(PilotageStack.class)
class ConsoleBrowserIT {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static String alertId;
    private static String review;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeAll
    static void data() throws IOException {
        Files.createDirectories(SHOTS);
        alertId = ConsoleData.auditScoreAlert();
        review = ConsoleData.review();
    }

    @BeforeEach
    void open() throws IOException {
        profile = Files.createTempDirectory("pilotage-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("PILOTAGE_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--window-size=1280,1000", "--lang=fr-FR", "--user-data-dir=" + profile,
                // any name but loopback's fails to resolve: nothing can leave the machine
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
        // the browser asks for French first, as the group's people's do
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "fr-FR,fr"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("PILOTAGE_CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void close(TestInfo info) throws IOException {
        try {
            List<String> requested = new ArrayList<>();
            Pattern url = Pattern.compile("\"url\":\"([^\"]+)\"");
            for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
                if (e.getMessage().contains("Network.requestWillBeSent")) {
                    Matcher m = url.matcher(e.getMessage());
                    if (m.find()) {
                        requested.add(m.group(1));
                    }
                }
            }
            assertThat(requested).as("requests of the walk").isNotEmpty()
                    .filteredOn(u -> u.startsWith("http:") || u.startsWith("https:") || u.startsWith("ws:") || u.startsWith("wss:"))
                    .isNotEmpty()
                    .allSatisfy(u -> assertThat(loopback(u)).as(u).isTrue());
        } finally {
            browser.quit();
            deleteTree(profile);
        }
    }

    private static boolean loopback(String u) {
        String host = URI.create(u).getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host);
    }

    private void shot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }

    private void noErrorsLogged(String page) {
        List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
        assertThat(severe).as("errors in the browser's console on " + page).isEmpty();
    }

    private void signIn(String user) {
        browser.get(PilotageStack.gatewayUrl() + "/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-pass");
        browser.findElement(By.id("password")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-kpi]")));
        assertThat(browser.findElement(By.cssSelector("header .user")).getText()).contains(user);
    }

    private void signOut(String user) throws IOException {
        browser.findElement(By.cssSelector("a.logout")).click();
        wait.until(ExpectedConditions.urlContains("/console/signed-out"));
        shot(user + "-signed-out");
        browser.get(PilotageStack.gatewayUrl() + "/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    }

    private void openRedKpi(String user) throws IOException {
        WebElement row = browser.findElement(By.cssSelector("tr[data-kpi='security.audit_score']"));
        assertThat(row.getAttribute("data-status")).isEqualTo("RED");
        assertThat(row.findElement(By.cssSelector(".status")).getText()).contains("✖").contains("Critique");
        row.findElement(By.cssSelector("th a")).click();
        // the explanation is loaded into the page after it is shown
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#explain .status-rule")));
        // the chart is drawn by the page's script from the library served by the console
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-chart] svg")));
        assertThat(browser.findElement(By.cssSelector(".status-rule")).getText()).startsWith("ROUGE");
        assertThat(browser.findElement(By.cssSelector(".definition")).getText()).isNotBlank();
        shot(user + "-kpi");
        noErrorsLogged("the KPI page");
    }

    @Test
    void theOwnerSeesTheRedKpiExplainedAndAcknowledgesItsAlert() throws IOException {
        signIn("owner");
        // keyboard: the first Tab reaches the skip link, which leads to the content
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("class")).isEqualTo("skip");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.spark")));
        shot("owner-portfolio");
        noErrorsLogged("the portfolio");

        openRedKpi("owner");
        WebElement row = browser.findElement(By.cssSelector("tr[data-alert='" + alertId + "']"));
        row.findElement(By.cssSelector("form.ack input[name=comment]")).sendKeys("Audit de rattrapage planifié");
        row.findElement(By.cssSelector("form.ack button")).click();
        try {
            wait.until(ExpectedConditions.urlContains("done=acked"));
        } catch (org.openqa.selenium.TimeoutException e) {
            shot("owner-acknowledge-failed");
            throw new AssertionError("no acknowledgement: " + browser.findElement(By.tagName("body")).getText(), e);
        }
        WebElement acked = browser.findElement(By.cssSelector("tr[data-alert='" + alertId + "']"));
        assertThat(acked.getAttribute("data-state")).isEqualTo("ACKNOWLEDGED");
        assertThat(acked.getText()).contains("Audit de rattrapage planifié");
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isNotBlank();
        shot("owner-acknowledged");

        browser.findElement(By.linkText("Alertes")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.notifications")));
        shot("owner-alerts");

        browser.findElement(By.linkText("Revues")).click();
        browser.findElement(By.cssSelector("a[href='/console/reviews/" + review + "']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.compared")));
        shot("owner-review");
        signOut("owner");
    }

    @Test
    void anAnalystReadsEverythingAndIsOfferedNoAction() throws IOException {
        signIn("analyst");
        shot("analyst-portfolio");
        openRedKpi("analyst");
        assertThat(browser.findElements(By.cssSelector("tr[data-alert='" + alertId + "']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("form.ack"))).as("no acknowledge for an analyst").isEmpty();
        assertThat(browser.findElements(By.cssSelector("form.silence"))).isEmpty();
        signOut("analyst");
    }

    @Test
    void anotherProjectsOwnerIsNotOfferedTheAcknowledgement() throws IOException {
        signIn("owner-mobile");
        openRedKpi("owner-mobile");
        assertThat(browser.findElements(By.cssSelector("tr[data-alert='" + alertId + "'] form.ack"))).isEmpty();
        signOut("owner-mobile");
    }

    @Test
    void aCommitteeMemberOpensTheReviewPackInEnglish() throws IOException {
        signIn("committee");
        browser.findElement(By.cssSelector("header a[hreflang='en']")).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        shot("committee-portfolio-en");
        browser.findElement(By.linkText("Reviews")).click();
        browser.findElement(By.cssSelector("a[href='/console/reviews/" + review + "']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.compared")));
        assertThat(browser.findElement(By.cssSelector("table.actions")).getText()).contains("overdue");
        shot("committee-review");
        noErrorsLogged("the review");
        signOut("committee");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
