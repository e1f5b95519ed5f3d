package dev.collector.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import dev.collector.collect.CollectionRunner;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.Trigger;
import dev.collector.fixtures.LocalHttp;
import dev.collector.fixtures.QuoteCollector;
import dev.collector.fixtures.ScriptedCollectorApplication;
import dev.collector.fixtures.TwoCollectorsApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The status page at /collector of an application with two collectors, in a real browser
 * (Debian's chromium driven by chromium-driver, headless): one card per collector plus
 * the aggregate, each showing what the JSON endpoints say ({@code GET /collectors},
 * {@code /collectors/{name}/health}, {@code /collectors/{name}/data-quality}, the
 * aggregate {@code /health}), and the sections below showing the collector whose card is
 * chosen. With one collector the page is the page of today, without cards. CI installs
 * the browser (.ci/run); elsewhere the test is skipped when it is missing. Screenshots
 * land in target/ for humans.
 */
@SpringBootTest(classes = TwoCollectorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.generate-unique-name=true", TwoCollectorsApplication.SCHEMA,
				"collector.schedule.enabled=false" })
class SeveralCollectorsStatusPageBrowserTests {

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getenv().getOrDefault("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver"));

	private static WebDriver browser;

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	CollectorRegistry collectors;

	@Autowired
	QuoteCollector quotes;

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
				"--window-size=1280,1200");
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
	void oneCardPerCollectorPlusTheAggregateShowTheNumbersOfTheJsonEndpoints() throws Exception {
		this.collectors.get("readings").get(CollectionRunner.class).run(Trigger.MANUAL);
		this.quotes.fail("no quotes today");
		try {
			this.collectors.get("quotes").get(CollectionRunner.class).run(Trigger.MANUAL);
		}
		finally {
			this.quotes.fail(null);
		}
		WebDriverWait wait = open(this.port, "");
		wait.until((driver) -> driver.findElements(By.cssSelector("#collectors .card[data-collector]")).size() == 2);

		JsonNode list = get(this.port, "/collectors");
		JsonNode entries = list.isArray() ? list : list.path("collectors");
		assertThat(browser.findElement(By.id("collectors")).isDisplayed()).isTrue();
		assertThat(browser.findElements(By.cssSelector("#collectors .card[data-collector]"))
			.stream()
			.map((card) -> card.getDomAttribute("data-collector"))).containsExactly("readings", "quotes");
		long records = 0;
		for (JsonNode entry : entries) {
			String name = entry.path("name").asText();
			WebElement card = browser.findElement(By.cssSelector(".card[data-collector='" + name + "']"));
			assertThat(card.getDomAttribute("data-state")).as(name).isEqualTo(entry.path("state").asText());
			JsonNode quality = get(this.port, "/collectors/" + name + "/data-quality");
			records += quality.path("total_records").asLong();
			assertThat(card.findElement(By.className("records")).getText()).as(name)
				.isEqualTo(quality.path("total_records").asText());
			assertThat(card.findElement(By.className("health")).getText()).as(name)
				.isEqualTo(get(this.port, "/collectors/" + name + "/health").path("status").asText());
		}
		assertThat(browser.findElement(By.cssSelector(".card[data-collector='quotes']")).getDomAttribute("data-state"))
			.isEqualTo("failing");
		assertThat(
				browser.findElement(By.cssSelector(".card[data-collector='readings']")).getDomAttribute("data-state"))
			.isEqualTo("ok");
		assertThat(text("all-count")).isEqualTo("2");
		assertThat(text("all-failing")).isEqualTo("1");
		assertThat(text("all-records")).isEqualTo(String.valueOf(records));
		assertThat(text("all-status")).isEqualTo(get(this.port, "/health").path("status").asText());

		// the sections show the first collector (no default here), then the one chosen
		assertThat(text("selected-name")).isEqualTo("readings");
		assertSectionsShow("readings");
		browser.findElement(By.cssSelector(".card[data-collector='quotes']")).click();
		wait.until((driver) -> "quotes".equals(driver.findElement(By.id("selected-name")).getText()));
		wait.until((driver) -> runIds().equals(lastRunIds("quotes")));
		assertSectionsShow("quotes");
		assertThat(browser.findElement(By.cssSelector(".card[data-collector='quotes']")).getDomAttribute("class"))
			.contains("selected");
		assertNothingBlockedByTheContentSecurityPolicy();
		screenshot("status-page-collectors.png");
	}

	@Test
	void withOneCollectorThePageHasNoCards() throws Exception {
		try (ConfigurableApplicationContext single = new SpringApplicationBuilder(ScriptedCollectorApplication.class)
			.properties("server.port=0", "spring.datasource.generate-unique-name=true",
					"spring.sql.init.schema-locations=classpath:reading-schema.sql", "collector.name=solo",
					"collector.schedule.enabled=false")
			.run()) {
			int port = single.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			single.getBean(CollectionRunner.class).run(Trigger.MANUAL);
			open(port, "");
			assertThat(browser.findElement(By.id("collectors")).isDisplayed()).isFalse();
			assertThat(browser.findElement(By.id("selected")).isDisplayed()).isFalse();
			assertThat(text("service")).isEqualTo("solo");
			assertThat(text("health-status")).isEqualTo(get(port, "/health").path("status").asText());
			assertThat(text("dq-total")).isEqualTo(get(port, "/data-quality").path("total_records").asText());
			assertThat(browser.findElements(By.cssSelector("#runs-table tbody tr"))).hasSize(1);
			assertNothingBlockedByTheContentSecurityPolicy();
			screenshot("status-page-one-collector.png");
		}
	}

	private void assertSectionsShow(String name) throws Exception {
		JsonNode status = get(this.port, "/collectors/" + name + "/status");
		assertThat(text("service")).isEqualTo(status.path("service").asText());
		assertThat(runIds()).isEqualTo(lastRunIds(name));
		JsonNode quality = get(this.port, "/collectors/" + name + "/data-quality");
		assertThat(text("dq-total")).isEqualTo(quality.path("total_records").asText());
		assertThat(text("health-status"))
			.isEqualTo(get(this.port, "/collectors/" + name + "/health").path("status").asText());
	}

	private List<String> runIds() {
		return browser.findElements(By.cssSelector("#runs-table tbody tr"))
			.stream()
			.map((row) -> row.getDomAttribute("data-run-id"))
			.toList();
	}

	private List<String> lastRunIds(String name) {
		try {
			List<String> ids = new java.util.ArrayList<>();
			get(this.port, "/collectors/" + name + "/status").path("last_runs")
				.forEach((run) -> ids.add(run.path("run_id").asText()));
			return ids;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static WebDriverWait open(int port, String hash) {
		browser.get("http://127.0.0.1:" + port + "/collector/" + hash);
		WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(20))
			.ignoring(StaleElementReferenceException.class);
		wait.until((driver) -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
		return wait;
	}

	private JsonNode get(int port, String path) throws Exception {
		return this.json.readTree(LocalHttp.client(port).get().uri(path).retrieve().body(String.class));
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
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

	private static void screenshot(String file) throws Exception {
		Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		Path target = Path.of("target", file);
		Files.createDirectories(target.getParent());
		Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
	}

}
