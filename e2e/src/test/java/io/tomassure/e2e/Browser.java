package io.tomassure.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.Tokens;
import io.tomassure.testing.HeadlessChromium;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * One person in Debian's headless Chromium (never a downloaded browser), signed in to the console through the
 * stack's Keycloak like anyone else. Every page it checks goes through axe-core, and serious or critical WCAG 2.2 A/AA
 * violations fail the test; named pages are kept as screenshots in target/console-screenshots.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private final HeadlessChromium chromium = new HeadlessChromium();
    private final WebDriver driver = chromium.driver();
    private final String console;
    private final List<String> violations = new ArrayList<>();

    Browser(String console) {
        this.console = console;
    }

    /** Opens the console and signs in on Keycloak's own page, as the person would. */
    Browser signIn(DemoUser user) {
        chromium.signIn(console, user.username(), Tokens.DEMO_PASSWORD);
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
        until(leftBehind(element));
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

    /**
     * Presses Tab, as a keyboard user would, until {@code by} has the focus, and checks that the focus shows (an
     * outline or a box shadow). Fails when the element cannot be reached within 150 presses.
     */
    Browser tabTo(By by) {
        WebElement target = driver.findElement(by);
        for (int presses = 0; presses < 150; presses++) {
            if (target.equals(driver.switchTo().activeElement())) {
                Object shown = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
                        const s = getComputedStyle(arguments[0]);
                        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none';""",
                        target);
                assertThat(shown).as("a visible focus on " + by).isEqualTo(true);
                return this;
            }
            new org.openqa.selenium.interactions.Actions(driver).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError(by + " cannot be reached with the Tab key on " + driver.getCurrentUrl());
    }

    /** Types into whatever has the focus. */
    Browser keys(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /** Presses Enter on the focused control, waits for the next page, checks it. */
    Browser enter() {
        WebElement focused = driver.switchTo().activeElement();
        keys(Keys.ENTER);
        until(leftBehind(focused));
        until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
        return checked();
    }

    /**
     * True once {@code element}'s page has been left. Chromium reports an element of a page being replaced either as
     * stale or, mid-navigation, as a node that "does not belong to the document": both mean the page is gone.
     */
    private static ExpectedCondition<Boolean> leftBehind(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        };
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

    <T> T until(ExpectedCondition<T> condition) {
        return chromium.until(condition);
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
        chromium.close();
    }
}
