package cloud.federation.server.support;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Debian's headless Chromium ({@code chromium}) driven through Debian's {@code chromedriver}
 * ({@code chromium-driver}), both at fixed paths: Selenium Manager is never asked to find, let alone download, a
 * driver or a browser, and Chromium reaches no host but {@code localhost} and {@code 127.0.0.1} (any other name is
 * NOTFOUND, which is also where the suite's {@code https://suite.invalid/…} redirect ends), so a test touches nothing
 * beyond loopback. A missing package fails the test; it is never skipped.
 *
 * <p>Screenshots go to {@code target/screenshots/} of the module (surefire's working directory), or to the
 * directory named by the system property {@code chromium.screenshots}; chromedriver's log goes there too.
 */
public final class Chromium implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of(System.getProperty("chromium.screenshots", "target/screenshots"));
    private static final Duration WAIT = Duration.ofSeconds(10);
    /*
     * Selenium looks for DevTools (CDP) bindings of this exact Chromium version and warns at every start when none is
     * on the classpath. We use WebDriver only; version-specific selenium-devtools-vNNN jars would break with each
     * Debian Chromium update. Held in a field: JUL keeps loggers weakly.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    public final ChromeDriver driver;
    private final ChromeDriverService service;
    private final OutputStream driverLog;
    private final WebDriverWait wait;

    /** Chromium in its default language (Accept-Language from the machine's locale). */
    public Chromium() {
        this(null);
    }

    /**
     * @param language a language tag such as {@code de-CH}, or null: the UI language ({@code --lang}) and the
     *                 Accept-Language list ({@code intl.accept_languages}: the tag, then its primary language)
     */
    public Chromium(String language) {
        require(BINARY, "chromium");
        require(DRIVER, "chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // Root in CI (no sandbox), small /dev/shm in containers, no GPU; a fixed size makes screenshots comparable.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");
        // The server may run with its generated self-signed certificate.
        options.setAcceptInsecureCerts(true);
        // The browser console (CSP violations, failed loads) for assertions and failure messages.
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        if (language != null) {
            String primary = language.contains("-") ? language.substring(0, language.indexOf('-')) : language;
            options.addArguments("--lang=" + language);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages",
                    primary.equals(language) ? language : language + "," + primary));
        }
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // Appended: the log of every browser of the run, not only of the last one.
            driverLog = new FileOutputStream(SCREENSHOTS.resolve("chromedriver.log").toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()) // explicit: DriverFinder then never runs Selenium Manager
                .usingAnyFreePort()
                .withLogOutput(driverLog)
                .build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            closeQuietly(driverLog);
            throw new IllegalStateException("Could not start " + BINARY + " through " + DRIVER + " (are Debian's "
                    + "chromium and chromium-driver installed in the same version? See "
                    + SCREENSHOTS.resolve("chromedriver.log") + "): " + e.getMessage(), e);
        }
        wait = new WebDriverWait(driver, WAIT);
    }

    private static void require(Path executable, String debianPackage) {
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("Browser tests need Debian's headless Chromium: " + executable
                    + " (package " + debianPackage + ") is missing or not executable. Install it with "
                    + "`apt-get install chromium chromium-driver` (.ci/run does).");
        }
    }

    /** Loads {@code url} and waits until the page has loaded. */
    public Chromium open(String url) {
        driver.get(url);
        return this;
    }

    /**
     * Runs {@code action} (a click, Enter in a field …) that leaves the current page, and waits until the next page
     * has replaced it, so the next lookup cannot find an element of the old one.
     */
    public Chromium navigate(Runnable action) {
        String url = driver.getCurrentUrl();
        WebElement old = driver.findElement(By.tagName("html"));
        action.run();
        until(ExpectedConditions.stalenessOf(old), "the next page to replace " + url);
        until(d -> "complete".equals(driver.executeScript("return document.readyState")), "the next page to load");
        return this;
    }

    /** The element, once it is visible. */
    public WebElement await(By locator) {
        return until(ExpectedConditions.visibilityOfElementLocated(locator), "a visible " + locator);
    }

    /** The visible elements, once there is at least one. */
    public List<WebElement> awaitAll(By locator) {
        return until(ExpectedConditions.visibilityOfAllElementsLocatedBy(locator), "visible " + locator);
    }

    /** The visible text of the element, once it is visible. */
    public String text(By locator) {
        return await(locator).getText();
    }

    /**
     * Waits until the address matches (e.g. the browser arrived at the suite); on timeout the failure names the
     * address the browser is at and what its console said (a Content-Security-Policy violation, for example).
     */
    public String awaitUrl(Predicate<String> expected, String description) {
        return until(d -> expected.test(d.getCurrentUrl()) ? d.getCurrentUrl() : null, description);
    }

    /** {@link WebDriverWait#until}, failing with the current address and the browser console. */
    public <T> T until(ExpectedCondition<T> condition, String description) {
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("Chromium waited " + WAIT.toSeconds() + " s for " + description + "; it is at "
                    + driver.getCurrentUrl() + ", console: " + console(), e);
        }
    }

    /** The browser console's messages since the last call (each message is returned once). */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).toList();
    }

    /** The element that has the keyboard focus. */
    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** The page's {@code <html lang>}. */
    public String lang() {
        return driver.findElement(By.tagName("html")).getDomAttribute("lang");
    }

    /**
     * Saves a PNG of the whole page (up to 8,000 CSS pixels tall), not only the viewport, as
     * {@code target/screenshots/<name>.png} and returns its path. Chrome's DevTools command captures beyond the
     * viewport; should it be refused, the viewport is saved instead.
     */
    public Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.write(file, wholePage().orElseGet(() -> driver.getScreenshotAs(OutputType.BYTES)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private java.util.Optional<byte[]> wholePage() {
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
            double width = ((Number) content.get("width")).doubleValue();
            double height = Math.min(8000, ((Number) content.get("height")).doubleValue());
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            return java.util.Optional.of(java.util.Base64.getDecoder().decode((String) shot.get("data")));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            closeQuietly(driverLog);
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // only a log
        }
    }
}
