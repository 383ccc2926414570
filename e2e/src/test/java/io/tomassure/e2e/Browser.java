package io.tomassure.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.Tokens;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person in Debian's headless Chromium (never a downloaded browser), signed in to the console through the
 * stack's Keycloak like anyone else. Every page it checks goes through axe-core, and serious or critical WCAG 2.2 A/AA
 * violations fail the test; named pages are kept as screenshots in target/console-screenshots.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private final WebDriver driver;
    private final String console;
    private final Path profile;
    private final List<String> violations = new ArrayList<>();

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    Browser(String console) {
        this.console = console;
        try {
            this.profile = Files.createTempDirectory("console-browser");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // As root in a sandboxed machine: no sandbox, no GPU; and no background calls to a network that is closed.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    /** Opens the console and signs in on Keycloak's own page, as the person would. */
    Browser signIn(DemoUser user) {
        driver.get(console + "/");
        until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(user.username());
        driver.findElement(By.id("password")).sendKeys(Tokens.DEMO_PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        until(ExpectedConditions.urlContains(console));
        until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
        return this;
    }

    /** Goes to a console path and checks the page. */
    Browser open(String path) {
        driver.get(console + path);
        until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
        return checked();
    }

    /** Clicks, waits for the next page, checks it. */
    Browser click(By by) {
        WebElement element = driver.findElement(by);
        element.click();
        until(ExpectedConditions.stalenessOf(element));
        until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
        return checked();
    }

    Browser type(By by, String text) {
        WebElement field = driver.findElement(by);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Ticks a checkbox (no page change). */
    Browser tick(By by) {
        WebElement box = driver.findElement(by);
        if (!box.isSelected()) {
            box.click();
        }
        return this;
    }

    /** Sets a field's value as its picker would (a date field's keyboard order depends on the browser's locale). */
    Browser set(By by, String value) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]",
                driver.findElement(by), value);
        return this;
    }

    Browser select(By by, String value) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(by)).selectByValue(value);
        return this;
    }

    String text() {
        return driver.findElement(By.tagName("main")).getText();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    WebDriver driver() {
        return driver;
    }

    <T> T until(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    /** Runs axe-core on the page as it is; serious and critical findings are kept for {@link #assertAccessible}. */
    Browser checked() {
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                violations.add(driver.getCurrentUrl() + ": " + rule.getId() + " (" + rule.getImpact() + ") " + rule.getHelp()
                        + " at " + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
        return this;
    }

    Browser screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    void assertAccessible() {
        assertThat(violations).as("serious or critical accessibility violations (axe-core, WCAG 2.2 A and AA)").isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile
        }
    }
}
