package care.concord.server.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import care.concord.server.RequiresService;
import care.concord.server.TestServices;
import care.concord.server.TestServices.Service;
import care.concord.server.agency.AgencyRegistration;
import care.concord.server.agency.AgencyService;
import care.concord.server.agency.ClientRegistration;
import care.concord.server.agency.ClientView;
import care.concord.server.people.PeopleService;
import care.concord.server.people.PersonRegistration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the admin console in a real headless Chromium against a real server on a random port: the
 * console signs in through Concord's own authorization code + PKCE flow and uses only the public APIs; agencies'
 * requests are sent over HTTP with their own client-credentials tokens.
 *
 * <p>Needs the Debian packages {@code chromium} and {@code chromium-driver} ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}; override with {@code -Dconcord.e2e.chromium=} / {@code -Dconcord.e2e.chromedriver=}).
 * Without them the tests are skipped with a message, except under {@code CI=true}, where they fail. Selenium
 * Manager is never used (the driver path is given), so nothing is downloaded.
 *
 * <p>Screenshots go to {@code target/screenshots}; with {@code -Dconcord.screenshots=docs} to
 * {@code docs/screenshots} (the ones in the documentation).
 *
 * <p>Its own application context (a real port cannot share the cached MockMvc context of
 * {@code @ConcordIntegrationTest}) and its own in-memory database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:concord-console-e2e;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
@ActiveProfiles("test")
@RequiresService(Service.BROWSER)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleEndToEndTests {

	private static final String PASSWORD = "console-e2e-password-1";

	private static final String CITIZEN_NHS = "9434765919";

	private static final String HOSPITAL = "RAE01";

	private static final String GP = "A81001";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	PeopleService people;

	@Autowired
	AgencyService agencies;

	private WebDriver driver;

	private WebDriverWait wait;

	private Path screenshots;

	private Path profile;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private String citizen;

	private String officer;

	private String admin;

	private ClientView hospitalClient;

	@BeforeAll
	void startBrowser() throws IOException {
		String chromium = TestServices.chromium();
		String chromedriver = TestServices.chromedriver();
		System.setProperty("webdriver.chrome.driver", chromedriver);
		Path profile = Files.createTempDirectory("concord-console-chromium");
		this.profile = profile;
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--disable-default-apps", "--disable-extensions", "--lang=en-GB",
				"--user-data-dir=" + profile, "--window-size=1280,900");
		// the audit exports download into the throw-away profile, never into the user's home
		options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory",
				profile.resolve("downloads").toString(), "download.prompt_for_download", false));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File(chromedriver))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().window().setSize(new Dimension(1280, 900));
		this.wait = new WebDriverWait(this.driver, WAIT);
		this.screenshots = screenshotDirectory();
		Files.createDirectories(this.screenshots);

		String suffix = UUID.randomUUID().toString().substring(0, 6);
		this.citizen = "citizen-" + suffix;
		this.officer = "ig-" + suffix;
		this.admin = "admin-" + suffix;
		this.people.create(new PersonRegistration(this.citizen, PASSWORD, "Alex Citizen", List.of("citizen"), CITIZEN_NHS));
		this.people.create(new PersonRegistration(this.officer, PASSWORD, "Isla Officer", List.of("ig-officer"), null));
		this.people.create(new PersonRegistration(this.admin, PASSWORD, "Ada Admin", List.of("admin"), null));
		this.agencies.register(new AgencyRegistration(HOSPITAL, "Leeds Teaching Hospitals", "acute-hospital"));
		this.agencies.register(new AgencyRegistration(GP, "Leeds GP practice", "gp"));
		this.hospitalClient = this.agencies.addClient(HOSPITAL, new ClientRegistration(null, "client_secret_basic",
				List.of("client_credentials"), List.of("decision", "identity"), null, null, null, null, null));
	}

	/** Each journey starts signed out, whatever the previous one left behind. */
	@BeforeEach
	void signedOut() {
		this.driver.get(url("/console/signed-out"));
		((JavascriptExecutor) this.driver).executeScript("sessionStorage.clear()");
		this.driver.manage().deleteAllCookies();
	}

	@AfterAll
	void stopBrowser() throws IOException {
		if (this.driver != null) {
			this.driver.quit();
		}
		if (this.profile != null) {
			try (var paths = Files.walk(this.profile)) {
				paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	// ------------------------------------------------------------------------------------------- journeys

	@Test
	@Order(1)
	void citizenWhenDenyDirectiveAddedThenPreviewFlipsAgencyIsDeniedAndAccessIsListed() throws Exception {
		signIn(this.citizen, "/console/");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-title"), "Welcome"));
		screenshot("citizen-home");

		// preview before: an A&E clinician would see my medications in an emergency (implied consent)
		open("/console/me/preview");
		askPreview();
		assertThat(previewDecision()).isEqualTo("permit");
		screenshot("citizen-preview-allowed");

		// add "Deny hospitals: medications"
		open("/console/me/directives");
		click(By.id("add-directive"));
		WebElement form = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("directive-form")));
		new Select(form.findElement(By.name("effect"))).selectByValue("deny");
		tick(form, "org_types", "acute-hospital");
		tick(form, "categories", "medications");
		screenshot("citizen-add-directive");
		click(By.id("save-directive"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("directive-list"),
				"Deny hospitals: medications"));
		screenshot("citizen-directives");

		// preview after: denied, with the explanation naming the directive
		open("/console/me/preview");
		askPreview();
		assertThat(previewDecision()).isEqualTo("deny");
		assertThat(text(By.id("preview-answer"))).contains("No, they would not see them");
		screenshot("citizen-preview-denied");

		// the hospital asks over the AuthZEN API and is denied
		JsonNode decision = evaluate(HOSPITAL, "clinician", "medications", "GP001", "direct-care", null);
		assertThat(decision.get("decision").asBoolean()).isFalse();
		assertThat(decision.get("context").get("reason").asString()).isEqualTo("directive-deny");

		// ... and the citizen sees that attempt
		open("/console/me/access");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("access-log"), HOSPITAL));
		String log = text(By.id("access-log"));
		assertThat(log).contains("Organisation " + HOSPITAL).contains("Denied").contains("Medications");
		screenshot("citizen-access-log");

		open("/console/me/receipts");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view table")));
		screenshot("citizen-receipts");

		phoneScreenshots();
		signOut();
	}

	@Test
	@Order(2)
	void igOfficerWhenBreakGlassAccessThenReviewsIt() throws Exception {
		JsonNode decision = evaluate(HOSPITAL, "clinician", "medications", "GP001", "emergency-care",
				"unconscious in A&E, no relatives");
		assertThat(decision.get("decision").asBoolean()).isTrue();
		assertThat(decision.get("context").get("reason").asString()).isEqualTo("break-glass");

		// two of the hospital's patient records with one NHS number but different people: a review for the officer
		submitRecord("MRN-1", "Alex", "Citizen", "1970-01-31", "LS1 4AP");
		submitRecord("MRN-2", "Robert", "Jones", "1985-06-12", "M1 1AA");

		// a few more of the hospital's requests, so that the statistics have something to show
		evaluate(HOSPITAL, "clinician", "summary", HOSPITAL, "direct-care", null); // own record: permit
		evaluate(HOSPITAL, "clinician", "mental-health", "GP001", "direct-care", null); // explicit consent: deny
		evaluate(HOSPITAL, "nurse", "allergies", "GP001", "direct-care", null); // no relationship: deny
		evaluate(HOSPITAL, "clinician", "summary", "GP001", "research", null); // purpose: deny
		evaluate(HOSPITAL, "clinician", "summary", "GP001", "emergency-care", " "); // blank reason: deny

		signIn(this.officer, "/console/");
		open("/console/ig/audit");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-results"), "matching record"));
		screenshot("ig-audit-search");
		// exports are fetched with the bearer token and saved from a Blob
		click(By.id("export-csv"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("export-status"),
				"Downloaded concord-audit.csv"));
		click(By.id("export-fhir"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("export-status"),
				"Downloaded concord-audit.json"));

		open("/console/ig/verify");
		click(By.id("verify-chain"));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chain-ok")));
		screenshot("ig-chain-verified");

		open("/console/ig/break-glass");
		WebElement item = this.wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#break-glass-queue li.item")));
		assertThat(item.getText()).contains("unconscious in A&E");
		screenshot("ig-break-glass-queue");
		WebElement form = item.findElement(By.tagName("form"));
		form.findElement(By.cssSelector("input[name=justified][value=true]")).click();
		form.findElement(By.name("comment")).sendKeys("Confirmed with the A&E consultant: patient unconscious.");
		form.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("break-glass-status"), "Review recorded"));

		open("/console/ig/stats");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chart-decisions")));
		screenshot("ig-statistics");

		open("/console/ig/identity");
		WebElement review = this.wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#identity-queue li.item")));
		// names in proper case, and the evidence for and against: the two NHS numbers, each comparison's weight
		assertThat(review.getText()).contains("MRN-2")
			.contains("Robert")
			.contains("Alex")
			.contains("NHS numbers: submitted " + CITIZEN_NHS)
			.contains("Weight (bits)");
		assertThat(review.findElements(By.cssSelector("table.evidence-table tbody tr"))).isNotEmpty();
		assertThat(review.findElement(By.cssSelector("table.evidence-table")).getText()).contains("Given name")
			.contains("Date of birth")
			.contains("against");
		screenshot("ig-identity-reviews");
		review.findElement(By.name("reason")).sendKeys("Different person: date of birth and address differ; NHS number typed wrongly.");
		review.findElement(By.cssSelector("button[value=reject]")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("identity-status"), "Match rejected"));
		signOut();
	}

	@Test
	@Order(3)
	void adminWhenAgencyDisabledThenItsClientGetsNoToken() throws Exception {
		assertThat(clientToken()).isNotNull();
		signIn(this.admin, "/console/");
		open("/console/admin/people");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-list"), this.citizen));
		screenshot("admin-people");

		open("/console/admin/agencies");
		WebElement agency = this.wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("li[data-agency='" + HOSPITAL + "']")));
		screenshot("admin-agencies");
		agency.findElement(By.cssSelector("button[data-action=disable]")).click();
		click(By.cssSelector("li[data-agency='" + HOSPITAL + "'] button[data-action=confirm-disable]"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agency-status"), "Agency disabled"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("li[data-agency='" + HOSPITAL + "'] .meta"), "DISABLED"));
		screenshot("admin-agency-disabled");
		assertThat(clientToken()).as("a disabled agency's client gets no token").isNull();
		signOut();
	}

	// ------------------------------------------------------------------------------------------- browser steps

	private void signIn(String username, String path) {
		this.driver.get(url(path));
		click(By.id("sign-in"));
		this.wait.until(ExpectedConditions.urlContains("/login"));
		this.driver.findElement(By.id("username")).sendKeys(username);
		this.driver.findElement(By.id("password")).sendKeys(PASSWORD);
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
		assertThat(text(By.id("account"))).contains(username);
	}

	private void signOut() {
		click(By.id("sign-out"));
		this.wait.until(ExpectedConditions.urlContains("/console/signed-out"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-title"), "You have signed out"));
	}

	/** Navigates inside the single-page console as a user would, through the navigation links. */
	private void open(String path) {
		List<WebElement> links = this.driver.findElements(By.cssSelector("#nav a[href='." + path.substring(8) + "']"));
		if (links.isEmpty()) {
			this.driver.get(url(path));
		}
		else {
			links.get(0).click();
		}
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("view")));
		this.wait.until((d) -> ((JavascriptExecutor) d).executeScript("return location.pathname").equals(path));
	}

	private void askPreview() {
		WebElement form = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-form")));
		new Select(form.findElement(By.name("org_type"))).selectByValue("acute-hospital");
		new Select(form.findElement(By.name("role"))).selectByValue("clinician");
		new Select(form.findElement(By.name("category"))).selectByValue("medications");
		new Select(form.findElement(By.name("purpose"))).selectByValue("emergency-care");
		((JavascriptExecutor) this.driver).executeScript("document.getElementById('preview-result').textContent=''");
		click(By.id("ask-preview"));
	}

	private String previewDecision() {
		WebElement answer = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-answer")));
		return answer.getAttribute("data-decision");
	}

	private void tick(WebElement form, String name, String value) {
		WebElement box = form.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']"));
		if (!box.isSelected()) {
			box.click();
		}
	}

	private void click(By by) {
		this.wait.until(ExpectedConditions.elementToBeClickable(by)).click();
	}

	private String text(By by) {
		return this.driver.findElement(by).getText();
	}

	private void phoneScreenshots() throws IOException {
		this.driver.manage().window().setSize(new Dimension(390, 844));
		try {
			for (String path : List.of("/console/me/directives", "/console/me/preview", "/console/me/access")) {
				open(path);
				this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view > *")));
				if (path.endsWith("preview")) {
					askPreview();
					previewDecision();
				}
				else {
					this.wait.until((d) -> d.findElements(By.cssSelector("#view .loading")).isEmpty());
				}
				screenshot("phone-" + path.substring(path.lastIndexOf('/') + 1));
			}
		}
		finally {
			this.driver.manage().window().setSize(new Dimension(1280, 900));
		}
	}

	/** A full-page screenshot (the window grows to the page's height for the shot). */
	private void screenshot(String name) throws IOException {
		((JavascriptExecutor) this.driver).executeScript("window.scrollTo(0, 0); document.activeElement.blur()");
		Dimension size = this.driver.manage().window().getSize();
		Number height = (Number) ((JavascriptExecutor) this.driver)
			.executeScript("return document.documentElement.scrollHeight");
		this.driver.manage()
			.window()
			.setSize(new Dimension(size.getWidth(), Math.min(Math.max(height.intValue() + 120, size.getHeight()), 4000)));
		try {
			byte[] png = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES);
			Files.write(this.screenshots.resolve(name + ".png"), png);
		}
		finally {
			this.driver.manage().window().setSize(size);
		}
	}

	private Path screenshotDirectory() {
		if ("docs".equals(System.getProperty("concord.screenshots"))) {
			Path dir = Paths.get("").toAbsolutePath();
			while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
				dir = dir.getParent();
			}
			if (dir != null) {
				return dir.resolve("docs").resolve("screenshots");
			}
		}
		return Paths.get("target", "screenshots");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	// ------------------------------------------------------------------------------------------- agency over HTTP

	/** The hospital client's access token (client credentials), or null when refused. */
	private String clientToken() throws Exception {
		return clientToken("decision");
	}

	private String clientToken(String scope) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString((this.hospitalClient.clientId() + ":" + this.hospitalClient.clientSecret())
				.getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			return null;
		}
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	/** The hospital submits one of its local records to the identity service (record linkage). */
	private void submitRecord(String localId, String given, String family, String born, String postcode)
			throws Exception {
		String token = clientToken("identity");
		assertThat(token).as("hospital identity token").isNotNull();
		var body = JSON.createObjectNode()
			.put("local_id", localId)
			.put("nhs_number", CITIZEN_NHS)
			.put("given_name", given)
			.put("family_name", family)
			.put("date_of_birth", born)
			.put("postcode", postcode);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url("/api/identity/records")))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
	}

	/** An AuthZEN evaluation by the hospital about the citizen. */
	private JsonNode evaluate(String organisation, String role, String category, String holder, String purpose,
			String breakGlassReason) throws Exception {
		String token = clientToken();
		assertThat(token).as("hospital client token").isNotNull();
		var body = JSON.createObjectNode();
		var subject = body.putObject("subject").put("type", "agency-practitioner").put("id", "dr-jones");
		subject.putObject("properties").put("organisation", organisation).put("role", role);
		var resource = body.putObject("resource").put("type", "care-record").put("id", CITIZEN_NHS);
		resource.putObject("properties").put("category", category).put("holder", holder);
		body.putObject("action").put("name", "read");
		var context = body.putObject("context").put("purpose", purpose);
		if (breakGlassReason != null) {
			context.put("break_glass_reason", breakGlassReason);
		}
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url("/access/v1/evaluation")))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
