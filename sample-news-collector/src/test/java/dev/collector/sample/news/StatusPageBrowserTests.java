package dev.collector.sample.news;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The status page at /collector in a real browser: Debian's chromium driven by
 * chromium-driver, headless. The numbers the page shows must be those of the JSON
 * endpoints. A screenshot lands in target/status-page.png for humans. CI installs the
 * browser (.ci/run); elsewhere the test is skipped when it is missing.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:status-page;DB_CLOSE_DELAY=-1", "collector.schedule.enabled=false" })
class StatusPageBrowserTests {

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getenv().getOrDefault("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver"));

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static WebDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate rest;

	@BeforeAll
	static void startBrowser() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && System.getenv("CI") != null) {
			throw new IllegalStateException(
					"CI needs chromium and chromium-driver: apt-get install chromium chromium-driver");
		}
		assumeThat(installed).as("chromium and chromedriver installed").isTrue();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--window-size=1280,1000");
		// the console, where the browser reports what the Content-Security-Policy blocked
		options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void pageShowsTheNumbersOfTheJsonEndpoints() throws Exception {
		Map<String, Object> run = this.rest.exchange("/collect?wait=true", HttpMethod.POST, null, JSON).getBody();
		assertThat(run).containsEntry("status", "succeeded");
		browser.get("http://127.0.0.1:" + this.port + "/collector");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until((driver) -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

		Map<String, Object> quality = get("/data-quality");
		Map<String, Object> status = get("/status");
		Map<String, Object> health = get("/health");
		assertThat(Double.parseDouble(text("dq-score")))
			.isEqualTo(((Number) quality.get("data_quality_score")).doubleValue());
		assertThat(Long.parseLong(text("dq-total"))).isEqualTo(((Number) quality.get("total_records")).longValue());
		assertThat(Long.parseLong(text("dq-invalid"))).isEqualTo(((Number) quality.get("invalid_records")).longValue());
		assertThat(text("health-status")).isEqualTo(health.get("status"));
		assertThat(text("service")).isEqualTo(status.get("service"));
		Map<?, ?> budget = (Map<?, ?>) status.get("rate_budget");
		assertThat(Double.parseDouble(text("budget-effective")))
			.isEqualTo(((Number) budget.get("effective_requests_per_minute")).doubleValue());
		assertThat(text("budget-paused")).isEqualTo("not paused");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> runs = (List<Map<String, Object>>) status.get("last_runs");
		List<WebElement> rows = browser.findElements(By.cssSelector("#runs-table tbody tr"));
		assertThat(rows).hasSameSizeAs(runs);
		assertThat(rows.get(0).getDomAttribute("data-run-id")).isEqualTo(run.get("run_id"));
		List<WebElement> bars = browser.findElements(By.cssSelector("#runs-chart rect.records"));
		assertThat(bars).hasSameSizeAs(runs);
		assertThat(bars.get(bars.size() - 1).getDomAttribute("data-records"))
			.isEqualTo(String.valueOf(run.get("records_collected")));
		assertNothingBlockedByTheContentSecurityPolicy();
		screenshot();
	}

	@Test
	void thePageIsServedUnderAContentSecurityPolicyWithoutInlineCode() {
		ResponseEntity<String> page = this.rest.getForEntity("/collector/", String.class);
		assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'self'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline");
		assertThat(page.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(page.getBody()).contains("<script src=\"status.js\"></script>")
			.doesNotContain("<script>")
			.doesNotContain("<style")
			.doesNotContain("style=")
			.doesNotContainPattern(" on[a-z]+=");
	}

	@Test
	void backfillFormStartsATaskWhoseProgressBarMoves() throws Exception {
		browser.get("http://127.0.0.1:" + this.port + "/collector/");
		// the page redraws its lists on every refresh: an element found just before may
		// be replaced
		WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(60))
			.ignoring(StaleElementReferenceException.class);
		wait.until((driver) -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
		String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
		String threeDaysAgo = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3).toString();
		// date inputs take the value in the browser's locale format; set it through the
		// DOM
		((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("document.getElementById('bf-start').value = arguments[0];"
					+ "document.getElementById('bf-end').value = arguments[1];", threeDaysAgo, yesterday);
		browser.findElement(By.id("bf-submit")).click();
		wait.until((driver) -> driver.findElement(By.id("backfill-result")).getText().startsWith("started "));
		String taskId = browser.findElement(By.id("backfill-result")).getText().substring("started ".length());
		By task = By.cssSelector(".task[data-task-id='" + taskId + "']");
		wait.until((driver) -> !driver.findElements(task).isEmpty());
		wait.until((driver) -> {
			WebElement bar = driver.findElement(task).findElement(By.tagName("progress"));
			return "succeeded".equals(driver.findElement(task).getDomAttribute("data-status"))
					&& bar.getDomProperty("value").equals(bar.getDomProperty("max"));
		});
		assertNothingBlockedByTheContentSecurityPolicy();
		screenshot();
	}

	private static void assertNothingBlockedByTheContentSecurityPolicy() {
		List<String> console = browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.toList();
		assertThat(console).noneMatch((message) -> message.contains("Content Security Policy"));
	}

	private String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private Map<String, Object> get(String path) {
		ResponseEntity<Map<String, Object>> response = this.rest.exchange(path, HttpMethod.GET, null, JSON);
		return response.getBody();
	}

	private static void screenshot() throws Exception {
		Path png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		Path target = Path.of("target", "status-page.png");
		Files.createDirectories(target.getParent());
		Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
	}

}
