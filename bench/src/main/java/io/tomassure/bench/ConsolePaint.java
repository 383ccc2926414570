package io.tomassure.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.tomassure.stack.DemoData;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.Tokens;
import io.tomassure.stack.TomService;
import io.tomassure.testing.HeadlessChromium;

/**
 * The console's case page in Debian's headless Chromium, as the reviewer opens it: signed in through Keycloak, the
 * page rendered by the console from approval-service's case and assessment-service's diff. Each load is timed by the
 * browser itself (Paint Timing and Largest Contentful Paint, from navigation start), after a few loads to warm the
 * JIT. The page weight is what the first load of a fresh profile transfers (the document and every asset), and what a
 * later load transfers once the assets are cached.
 */
final class ConsolePaint {
    record Result(Stats firstContentfulPaint, Stats largestContentfulPaint, Stats serverResponse, long coldBytes,
            long warmBytes, int coldRequests) {
    }

    private static final DemoUser REVIEWER = DemoUser.ASSURANCE;
    private static final int WARM_UP = 10;

    /** Largest Contentful Paint, from the buffered entries (the page is loaded: nothing larger is coming). */
    private static final String LCP = """
            const done = arguments[arguments.length - 1];
            new PerformanceObserver(list => { const e = list.getEntries(); done(e[e.length - 1].startTime); })
                .observe({ type: 'largest-contentful-paint', buffered: true });
            setTimeout(() => done(-1), 2000);
            """;
    private static final String FCP = """
            const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : -1;""";
    private static final String RESPONSE = "return performance.getEntriesByType('navigation')[0].responseStart;";
    private static final String TRANSFERRED = """
            const all = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
            return [all.reduce((sum, e) => sum + e.transferSize, 0), all.length];""";

    static Result measure(Bench bench, int loads) {
        String casePath = "/cases/" + openCase(bench);
        String console = bench.config.consoleUrl();
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            ChromeDriver driver = chromium.driver();
            chromium.signIn(console, REVIEWER.username(), Tokens.DEMO_PASSWORD);
            // Signing in loaded the assets into the page's memory cache, which clearing the browser cache leaves:
            // the cold load bypasses every cache instead, as a first visit would.
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            load(chromium, console + casePath);
            List<?> cold = (List<?>) driver.executeScript(TRANSFERRED);
            driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
            for (int i = 0; i < WARM_UP; i++) {
                load(chromium, console + casePath);
            }
            List<?> warm = (List<?>) driver.executeScript(TRANSFERRED);
            double[] fcp = new double[loads];
            double[] lcp = new double[loads];
            double[] response = new double[loads];
            long started = System.nanoTime();
            for (int i = 0; i < loads; i++) {
                load(chromium, console + casePath);
                fcp[i] = number(driver.executeScript(FCP));
                lcp[i] = number(driver.executeAsyncScript(LCP));
                response[i] = number(driver.executeScript(RESPONSE));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Result result = new Result(Stats.of("case page: first contentful paint", 0, fcp, 0, seconds),
                    Stats.of("case page: largest contentful paint", 0, lcp, 0, seconds),
                    Stats.of("case page: first byte of the document (server side)", 0, response, 0, seconds),
                    (long) number(cold.get(0)), (long) number(warm.get(0)), (int) number(cold.get(1)));
            bench.log("  %d loads: FCP p95 %.0f ms, LCP p95 %.0f ms, first byte p95 %.0f ms; %,d bytes in %d requests cold, %,d warm"
                    .formatted(loads, result.firstContentfulPaint().p95(), result.largestContentfulPaint().p95(),
                            result.serverResponse().p95(), result.coldBytes(), result.coldRequests(), result.warmBytes()));
            return result;
        }
    }

    private static void load(HeadlessChromium chromium, String url) {
        chromium.driver().get(url); // returns on the load event
        chromium.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=content-hash]")));
    }

    /** An open case for the reviewer: the demo product's Phase 1A, submitted by the demo data. */
    private static String openCase(Bench bench) {
        new DemoData(bench.config, bench::log).withCasesToReview().load();
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<String> ids = bench.as(REVIEWER, TomService.APPROVAL).queryParam("state", "OPEN").queryParam("phase", "1A")
                    .get("/api/v1/cases").then().statusCode(200).extract().path("items.id");
            return ids.isEmpty() ? null : ids.get(0);
        }, id -> id != null);
    }

    private static double number(Object value) {
        return value == null ? -1 : ((Number) value).doubleValue();
    }

    private ConsolePaint() {
    }
}
