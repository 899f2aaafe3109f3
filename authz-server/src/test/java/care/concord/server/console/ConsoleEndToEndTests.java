package care.concord.server.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import care.concord.server.agency.ClientUpdate;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
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
 * End-to-end tests of the admin console in a real headless Chromium against a real server
 * on a random port: the console signs in through Concord's own authorization code + PKCE
 * flow and uses only the public APIs; agencies' requests are sent over HTTP with their
 * own client-credentials tokens.
 *
 * <p>
 * Needs the Debian packages {@code chromium} and {@code chromium-driver}
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; override with
 * {@code -Dconcord.e2e.chromium=} / {@code -Dconcord.e2e.chromedriver=}). Without them
 * the tests are skipped with a message, except under {@code CI=true}, where they fail.
 * Selenium Manager is never used (the driver path is given), so nothing is downloaded.
 *
 * <p>
 * Every page is checked with axe-core ({@code axe.min.js} of Deque's
 * {@code com.deque.html.axe-core:selenium} jar, injected into the page): no serious or
 * critical violation. One journey per role is made with the keyboard only (Tab, Space,
 * Enter and typing), and focus styles are checked for contrast.
 *
 * <p>
 * Screenshots go to {@code target/screenshots}; with {@code -Dconcord.screenshots=docs}
 * to {@code docs/screenshots} (the ones in the documentation).
 *
 * <p>
 * Its own application context (a real port cannot share the cached MockMvc context of
 * {@code @ConcordIntegrationTest}) and its own in-memory database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:concord-console-e2e;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
@ActiveProfiles("test")
@RequiresService(Service.BROWSER)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleEndToEndTests {

	private static final String PASSWORD = "console-e2e-password-1";

	private static final String NEW_PASSWORD = "console-e2e-password-2";

	private static final String AXE = axeSource();

	private static final String CITIZEN_NHS = "9434765919";

	private static final String HOSPITAL = "RAE01";

	private static final String GP = "A81001";

	private static final String GP_APP = "gp-records-app";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	PeopleService people;

	@Autowired
	AgencyService agencies;

	private ConsoleBrowser browser;

	private WebDriver driver;

	private WebDriverWait wait;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private String citizen;

	private String officer;

	private String admin;

	private ClientView hospitalClient;

	@BeforeAll
	void startBrowser() throws IOException {
		this.browser = ConsoleBrowser.start("http://localhost:" + this.port);
		this.driver = this.browser.driver();
		this.wait = this.browser.waiter();

		String suffix = UUID.randomUUID().toString().substring(0, 6);
		this.citizen = "citizen-" + suffix;
		this.officer = "ig-" + suffix;
		this.admin = "admin-" + suffix;
		this.people
			.create(new PersonRegistration(this.citizen, PASSWORD, "Alex Citizen", List.of("citizen"), CITIZEN_NHS));
		this.people.create(new PersonRegistration(this.officer, PASSWORD, "Isla Officer", List.of("ig-officer"), null));
		this.people.create(new PersonRegistration(this.admin, PASSWORD, "Ada Admin", List.of("admin"), null));
		this.agencies.register(new AgencyRegistration(HOSPITAL, "Leeds Teaching Hospitals", "acute-hospital"));
		this.agencies.register(new AgencyRegistration(GP, "Leeds GP practice", "gp"));
		this.agencies
			.register(new AgencyRegistration("RIV" + suffix.substring(0, 3).toUpperCase().replaceAll("[^A-Z0-9]", "X"),
					"Hilltop Pharmacy", "pharmacy"));
		this.agencies.addClient(GP, new ClientRegistration(GP_APP, "client_secret_basic", List.of("authorization_code"),
				List.of("decision"), List.of("https://gp.example/callback"), null, null, null, null));
		this.hospitalClient = this.agencies.addClient(HOSPITAL, new ClientRegistration(null, "client_secret_basic",
				List.of("client_credentials"), List.of("decision", "identity"), null, null, null, null, null));
		// a system with a name of its own, which audit pages show instead of its client
		// id
		this.agencies.updateClient(HOSPITAL, this.hospitalClient.clientId(), new ClientUpdate("Leeds PAS",
				List.of("client_credentials"), List.of("decision", "identity"), null, null));
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
		if (this.browser != null) {
			this.browser.close();
		}
	}

	// -------------------------------------------------------------------------------------------
	// journeys

	@Test
	@Order(0)
	void newcomerWhenOpeningTheServerThenStartPageAndStyledSignInKeepTheUsername() throws Exception {
		this.driver.get(url("/"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Concord"));
		assertThat(this.driver.findElement(By.cssSelector("a[href='/console/']")).isDisplayed()).isTrue();
		axe("start page");
		screenshot("start-page");

		// the sign-in page in the console's design; a wrong password keeps the username
		// and says where it went wrong
		this.driver.get(url("/console/"));
		click(By.id("sign-in"));
		this.wait.until(ExpectedConditions.urlContains("/login"));
		axe("sign-in page");
		screenshot("sign-in");
		this.driver.findElement(By.id("username")).sendKeys(this.citizen);
		this.driver.findElement(By.id("password")).sendKeys("not-the-password");
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-summary")));
		assertThat(this.driver.findElement(By.id("username")).getAttribute("value")).isEqualTo(this.citizen);
		assertThat(text(By.cssSelector(".field-error .error-message"))).contains("username or password is not right");
		String buttonColour = (String) js(
				"return getComputedStyle(document.querySelector('button[type=submit]')).backgroundColor");
		assertThat(buttonColour).as("the console's green button, not the browser's grey").isEqualTo("rgb(0, 127, 59)");
		axe("sign-in page with an error");
		screenshot("sign-in-error");
		// the summary's link takes the keyboard to the password
		this.driver.findElement(By.cssSelector(".error-summary a")).click();
		assertThat(js("return document.activeElement.id")).isEqualTo("password");
		this.driver.findElement(By.id("password")).sendKeys(PASSWORD);
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
		// no favicon.ico 404 on the server's own pages
		assertThat(httpStatus("/favicon.ico")).isEqualTo(200);
		signOut();
	}

	@Test
	@Order(1)
	void citizenWhenDenyDirectiveAddedThenPreviewFlipsAgencyIsDeniedAndAccessIsListed() throws Exception {
		signIn(this.citizen, "/console/");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-title"), "Welcome"));
		axe("citizen home");
		screenshot("citizen-home");
		focusContrast();

		// preview before: an A&E clinician would see my medications in an emergency
		// (implied consent)
		open("/console/me/preview");
		askPreview();
		assertThat(previewDecision()).isEqualTo("permit");
		axe("check access");
		screenshot("citizen-preview-allowed");

		// add "Deny hospitals: medications"
		open("/console/me/directives");
		click(By.id("add-directive"));
		WebElement form = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("directive-form")));
		assertThat(this.driver.findElement(By.id("add-directive")).isDisplayed())
			.as("'Add a choice' is hidden while its form is open")
			.isFalse();
		new Select(form.findElement(By.name("effect"))).selectByValue("deny");
		tick(form, "org_types", "acute-hospital");
		tick(form, "categories", "medications");
		axe("add a choice");
		screenshot("citizen-add-directive");
		click(By.id("save-directive"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("directive-list"),
				"Deny hospitals: medications"));
		axe("my choices");
		screenshot("citizen-directives");

		// preview after: denied, with the explanation naming the directive
		open("/console/me/preview");
		askPreview();
		assertThat(previewDecision()).isEqualTo("deny");
		assertThat(text(By.id("preview-answer"))).contains("No, they would not see them");
		screenshot("citizen-preview-denied");

		// the hospital asks over the AuthZEN API and is denied
		JsonNode decision = evaluate(HOSPITAL, "clinician", "medications", GP, "direct-care", null);
		assertThat(decision.get("decision").asBoolean()).isFalse();
		assertThat(decision.get("context").get("reason").asString()).isEqualTo("directive-deny");

		// ... and the citizen sees that attempt, with the organisations' names
		open("/console/me/access");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("access-log"), HOSPITAL));
		String log = text(By.id("access-log"));
		assertThat(log).contains("Leeds Teaching Hospitals (" + HOSPITAL + ")")
			.contains("held by Leeds GP practice (" + GP + ")")
			.contains("Denied")
			.contains("Medications")
			.contains("Your directive of") // the citizen is spoken to
			.doesNotContain("Organisation " + HOSPITAL);
		axe("who looked");
		screenshot("citizen-access-log");

		// the receipt says what changed, and the citizen can check it against the
		// published keys
		open("/console/me/receipts");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view table")));
		click(By.cssSelector("#view table button.link"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("receipt-changes"),
				"Deny hospitals: medications"));
		click(By.id("check-receipt"));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt-genuine")));
		axe("receipts");
		screenshot("citizen-receipts");

		phoneScreenshots();
		signOut();
	}

	@Test
	@Order(2)
	void citizenWithKeyboardOnlyWhenNamingAnOrganisationThenUnknownRefusedAtFieldKnownAddedAndRevoked()
			throws Exception {
		signIn(this.citizen, "/console/me/directives");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("directive-list")));
		tabTo(By.id("add-directive")).sendKeys(Keys.ENTER);
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("directive-form")));
		tabTo(By.cssSelector("#directive-form select[name=effect]")).sendKeys("A"); // "Allow:
																					// ..."
		// a name Concord does not know is refused at the field, with a summary at the top
		// linking to it
		tabTo(By.cssSelector("#directive-form input[name=organisations]")).sendKeys("Riverside Medical Practice",
				Keys.ENTER);
		WebElement summary = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#directive-form .error-summary")));
		assertThat(summary.getText()).contains("There is a problem").contains("is not an organisation Concord knows");
		assertThat(text(By.cssSelector("#organisations-field .error-message")))
			.contains("“Riverside Medical Practice” is not an organisation Concord knows");
		axe("a choice with an error");
		screenshot("citizen-directive-error");
		activeElement().sendKeys(Keys.TAB);
		activeElement().sendKeys(Keys.ENTER); // the summary's link
		assertThat(activeElement().getAttribute("name")).isEqualTo("organisations");
		activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), "Leeds GP practice", Keys.ENTER);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chosen-organisations"),
				"Leeds GP practice (" + GP + ")"));
		tabTo(By.cssSelector("#directive-form input[name=categories][value=summary]")).sendKeys(Keys.SPACE);
		// dates are day, month and year boxes (never the browser's mm/dd/yyyy)
		tabTo(By.cssSelector("#directive-form input[name=end-day]")).sendKeys("1");
		activeElement().sendKeys(Keys.TAB, "3", Keys.TAB, "2030");
		tabTo(By.id("save-directive")).sendKeys(Keys.ENTER);
		String sentence = "Allow Leeds GP practice (" + GP + "): summary records, until 1 March 2030";
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("directive-list"), sentence));

		// revoke it, still with the keyboard only
		tabTo(By.xpath("//li[contains(., '" + sentence + "')]//button[contains(., 'Revoke')]")).sendKeys(Keys.ENTER);
		this.wait.until((d) -> "Yes, revoke it".equals(activeElement().getText()));
		activeElement().sendKeys(Keys.ENTER);
		this.wait
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("directive-status"), "Choice revoked"));
		// the list is loaded again after the message: wait for it
		this.wait.until((d) -> !text(By.cssSelector("ul[aria-label='Active choices']")).contains(sentence));
		assertThat(
				this.driver.findElement(By.cssSelector("ul[aria-label='Revoked choices']")).getAttribute("textContent"))
			.contains(sentence);
		signOut();
	}

	@Test
	@Order(3)
	void igOfficerWhenBreakGlassAccessThenReviewsIt() throws Exception {
		JsonNode decision = evaluate(HOSPITAL, "clinician", "medications", GP, "emergency-care",
				"unconscious in A&E, no relatives");
		assertThat(decision.get("decision").asBoolean()).isTrue();
		assertThat(decision.get("context").get("reason").asString()).isEqualTo("break-glass");

		// two of the hospital's patient records with one NHS number but different people:
		// a review for the officer
		submitRecord("MRN-1", "Alex", "Citizen", "1970-01-31", "LS1 4AP");
		submitRecord("MRN-2", "Robert", "Jones", "1985-06-12", "M1 1AA");

		// a few more of the hospital's requests, so that the statistics have something to
		// show
		evaluate(HOSPITAL, "clinician", "summary", HOSPITAL, "direct-care", null); // own
																					// record:
																					// permit
		evaluate(HOSPITAL, "clinician", "mental-health", GP, "direct-care", null); // explicit
																					// consent:
																					// deny
		evaluate(HOSPITAL, "nurse", "allergies", GP, "direct-care", null); // no
																			// relationship:
																			// deny
		evaluate(HOSPITAL, "clinician", "summary", GP, "research", null); // purpose: deny
		evaluate(HOSPITAL, "clinician", "summary", GP, "emergency-care", " "); // blank
																				// reason:
																				// deny

		signIn(this.officer, "/console/");
		axe("IG officer home");
		open("/console/ig/audit");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-results"), "matching record"));
		assertThat(text(By.id("audit-results"))).contains("dr-jones")
			.contains("Leeds Teaching Hospitals (" + HOSPITAL + ")")
			// IG officers read about the citizen, in the third person
			.contains("The citizen's directive of")
			.doesNotContain("Your directive")
			// the server's explanations name organisations by code: the console shows
			// their names
			.contains("Leeds Teaching Hospitals (" + HOSPITAL + ") holds these summary records itself")
			.doesNotContain("Organisation " + HOSPITAL)
			// the system that asked, by its name (client directory), the client id beside
			// it
			.contains("via Leeds PAS (" + this.hospitalClient.clientId() + ")");
		axe("audit log");
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
		axe("chain check");
		screenshot("ig-chain-verified");

		// the queue says who broke the glass; the review is made with the keyboard only
		open("/console/ig/break-glass");
		WebElement item = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#break-glass-queue li.item")));
		assertThat(item.getText()).contains("unconscious in A&E")
			.contains("dr-jones (clinician) at Leeds Teaching Hospitals (" + HOSPITAL + ")")
			.contains("Leeds PAS (" + this.hospitalClient.clientId() + ")");
		assertThat(text(By.cssSelector("#break-glass-queue .who-broke"))).startsWith("dr-jones");
		axe("break-glass queue");
		screenshot("ig-break-glass-queue");
		tabTo(By.cssSelector("#break-glass-queue form button[type=submit]")).sendKeys(Keys.ENTER);
		WebElement summary = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#break-glass-queue .error-summary")));
		assertThat(summary.getText()).contains("Choose whether the emergency access was justified");
		axe("break-glass review with an error");
		activeElement().sendKeys(Keys.TAB);
		activeElement().sendKeys(Keys.ENTER); // the summary's link: to the first radio
		assertThat(activeElement().getAttribute("name")).isEqualTo("justified");
		activeElement().sendKeys(Keys.SPACE);
		activeElement().sendKeys(Keys.TAB, "Confirmed with the A&E consultant: patient unconscious.");
		tabTo(By.cssSelector("#break-glass-queue form button[type=submit]")).sendKeys(Keys.ENTER);
		this.wait
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("break-glass-status"), "Review recorded"));
		assertThat(text(By.id("break-glass-status"))).contains("marked justified");

		open("/console/ig/stats");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chart-decisions")));
		axe("statistics");
		screenshot("ig-statistics");

		open("/console/ig/identity");
		WebElement review = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#identity-queue li.item")));
		// names in proper case, and the evidence for and against: the two NHS numbers,
		// each comparison's weight
		assertThat(review.getText()).contains("MRN-2")
			.contains("Robert")
			.contains("Alex")
			.contains("NHS numbers: submitted " + CITIZEN_NHS)
			.contains("Weight (bits)");
		assertThat(review.findElements(By.cssSelector("table.evidence-table tbody tr"))).isNotEmpty();
		assertThat(review.findElement(By.cssSelector("table.evidence-table")).getText()).contains("Given name")
			.contains("Date of birth")
			.contains("against");
		axe("identity reviews");
		screenshot("ig-identity-reviews");
		review.findElement(By.name("reason"))
			.sendKeys("Different person: date of birth and address differ; NHS number typed wrongly.");
		review.findElement(By.cssSelector("button[value=reject]")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("identity-status"), "Match rejected"));
		signOut();
	}

	@Test
	@Order(4)
	void adminWhenManagingAgenciesAndPeopleThenEditsResetsAndDisablesWork() throws Exception {
		assertThat(clientToken()).isNotNull();
		signIn(this.admin, "/console/");
		axe("administrator home");
		open("/console/admin/people");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-list"), this.citizen));
		// people search narrows the list as one types
		this.driver.findElement(By.id("people-search")).sendKeys("Isla");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-list"), "matching"));
		assertThat(text(By.id("people-list"))).contains(this.officer).doesNotContain(this.citizen);
		axe("people");
		screenshot("admin-people");
		// an empty create form: errors at the fields, in plain words, no browser pop-ups
		click(By.cssSelector("#create-person button[type=submit]"));
		WebElement summary = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#create-person .error-summary")));
		assertThat(summary.getText()).contains("Enter a username").contains("Enter an initial password");
		this.driver.findElement(By.cssSelector("#create-person input[name=username]")).sendKeys("new-person");
		this.driver.findElement(By.cssSelector("#create-person input[name=password]")).sendKeys("too-short");
		tick(this.driver.findElement(By.id("create-person")), "roles", "ig-officer");
		click(By.cssSelector("#create-person button[type=submit]"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("#create-person .error-summary"), "The password must be 12 to 200 characters long"));
		assertThat(text(By.cssSelector("#create-person .field-error .error-message")))
			.contains("The password must be 12 to 200 characters long");
		axe("people with an error");
		screenshot("admin-people-error");
		// password reset for the IG officer, who then signs in with the new password
		click(By.cssSelector("button[data-action=reset-password]"));
		WebElement reset = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-password")));
		reset.findElement(By.name("password")).sendKeys(NEW_PASSWORD);
		reset.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-status"), "Password reset"));

		open("/console/admin/agencies");
		WebElement agency = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li[data-agency='" + HOSPITAL + "']")));
		axe("agencies");
		// each agency by its name, the code as secondary text
		assertThat(text(By.cssSelector("li[data-agency='" + HOSPITAL + "'] h3 .code"))).isEqualTo("(" + HOSPITAL + ")");
		screenshot("admin-agencies");
		// registering a client with the keyboard only
		tabTo(By.xpath("//li[@data-agency='" + GP + "']//button[contains(., 'Add a client')]")).sendKeys(Keys.ENTER);
		this.wait.until((d) -> activeElement().getText().startsWith("New client for Leeds GP practice"));
		tabTo(By.xpath("//li[@data-agency='" + GP + "']//button[contains(., 'Register client')]")).sendKeys(Keys.ENTER);
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret")));
		assertThat(text(By.id("secret-value"))).hasSize(43);
		agency = this.driver.findElement(By.cssSelector("li[data-agency='" + HOSPITAL + "']"));
		agency.findElement(By.cssSelector("button[data-action=disable]")).click();
		click(By.cssSelector("li[data-agency='" + HOSPITAL + "'] button[data-action=confirm-disable]"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agency-status"), "Agency disabled"));
		this.wait.until(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("li[data-agency='" + HOSPITAL + "'] .meta"), "DISABLED"));
		screenshot("admin-agency-disabled");
		assertThat(clientToken()).as("a disabled agency's client gets no token").isNull();
		signOut();

		signIn(this.officer, NEW_PASSWORD, "/console/");
	}

	@Test
	@Order(5)
	void adminWhenEditingAnAgencyAndAClientOnTheirPagesThenTownReachesTheCitizenPickerAndNewRedirectUriIsStored()
			throws Exception {
		signIn(this.admin, "/console/admin/agencies");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li[data-agency='" + GP + "']")));
		click(By.cssSelector("li[data-agency='" + GP + "'] a[data-action=edit]"));
		WebElement form = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-agency")));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-title"), "(" + GP + ")"));
		assertThat(this.driver.getCurrentUrl()).endsWith("/console/admin/agencies/" + GP);
		// the agency's clients are listed on its page
		assertThat(text(By.id("agency-page"))).contains(GP_APP).contains("https://gp.example/callback");
		axe("agency page");
		// an empty name: the GOV.UK / NHS error summary, and the message at the field
		WebElement name = form.findElement(By.name("name"));
		name.clear();
		click(By.id("save-agency"));
		WebElement summary = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#edit-agency .error-summary")));
		assertThat(summary.getText()).contains("There is a problem").contains("Enter the agency's name");
		assertThat(text(By.cssSelector("#edit-agency .field-error .error-message")))
			.contains("Enter the agency's name");
		axe("agency page with an error");
		screenshot("admin-agency-error");
		name.sendKeys("Leeds City GP practice");
		WebElement town = form.findElement(By.name("town"));
		town.clear();
		town.sendKeys("Otley");
		click(By.id("save-agency"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agency-status"), "Agency changed"));
		this.wait
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agency-facts"), "GP practice · Otley"));
		assertThat(text(By.id("page-title"))).isEqualTo("Leeds City GP practice (" + GP + ")");
		axe("agency page after a change");
		screenshot("admin-agency");

		// the client's page: a redirect URI that is not https is refused at the field,
		// then changed
		click(By.xpath("//div[@id='agency-page']//tr[contains(., '" + GP_APP + "')]//a[@data-action='change-client']"));
		WebElement client = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-client")));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-title"), GP_APP));
		// the agency by its (new) name, the code as secondary text
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("client-facts"),
				"Leeds City GP practice (" + GP + ")"));
		assertThat(text(By.cssSelector("#client-facts a .code"))).isEqualTo("(" + GP + ")");
		assertThat(text(By.cssSelector("#view .back-link"))).isEqualTo("Back to Leeds City GP practice");
		axe("client page");
		WebElement uris = client.findElement(By.name("redirect_uris"));
		assertThat(uris.getAttribute("value")).isEqualTo("https://gp.example/callback");
		uris.clear();
		uris.sendKeys("http://gp.example/callback-2");
		click(By.id("save-client"));
		this.wait.until(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("#edit-client .error-summary"), "Redirect URIs:"));
		assertThat(text(By.cssSelector("#edit-client .field-error .error-message"))).contains("must use https");
		axe("client page with an error");
		screenshot("admin-client-error");
		uris = this.driver.findElement(By.cssSelector("#edit-client [name=redirect_uris]"));
		uris.clear();
		uris.sendKeys("https://gp.example/callback-2");
		click(By.id("save-client"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("client-status"), "Client changed"));
		assertThat(this.agencies.getClient(GP, GP_APP).redirectUris()).containsExactly("https://gp.example/callback-2");
		assertThat(this.driver.findElement(By.cssSelector("#edit-client [name=redirect_uris]")).getAttribute("value"))
			.isEqualTo("https://gp.example/callback-2");
		screenshot("admin-client");
		signOut();

		// the citizen's organisation picker shows the agency as "type · town"
		signIn(this.citizen, "/console/me/directives");
		click(By.id("add-directive"));
		WebElement directive = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("directive-form")));
		List<String> options = directive.findElements(By.cssSelector("datalist option"))
			.stream()
			.map((option) -> option.getAttribute("value"))
			.toList();
		assertThat(options).contains("Leeds City GP practice, GP practice · Otley (" + GP + ")");
		// ... and choosing it by that text adds it
		directive.findElement(By.name("organisations"))
			.sendKeys("Leeds City GP practice, GP practice · Otley (" + GP + ")", Keys.ENTER);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chosen-organisations"),
				"Leeds City GP practice (" + GP + ")"));
		signOut();
	}

	// -------------------------------------------------------------------------------------------
	// browser steps

	private void signIn(String username, String path) {
		signIn(username, PASSWORD, path);
	}

	private void signIn(String username, String password, String path) {
		this.browser.signIn(username, password, path);
	}

	private void signOut() {
		this.browser.signOut();
	}

	private void open(String path) {
		this.browser.open(path);
	}

	/**
	 * Runs axe-core on the page as it is now: no violation of impact serious or critical
	 * (the list of those found is the failure message).
	 */
	private void axe(String page) {
		if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object'"))) {
			js(AXE);
		}
		Object found = ((JavascriptExecutor) this.driver).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { resultTypes: ['violations'] })
				  .then((r) => done(JSON.stringify(r.violations
				    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
				    .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
				      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + n.failureSummary) })))))
				  .catch((e) => done('axe failed: ' + e));""");
		assertThat(found).as("axe-core serious or critical violations on " + page).isEqualTo("[]");
	}

	private static String axeSource() {
		try (var in = ConsoleEndToEndTests.class.getResourceAsStream("/axe.min.js")) {
			if (in == null) {
				throw new IllegalStateException(
						"axe.min.js (com.deque.html.axe-core:selenium) is not on the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Presses Tab (at most 200 times) until the element has the focus, as a keyboard user
	 * would; returns it.
	 */
	private WebElement tabTo(By by) {
		WebElement target = this.wait.until(ExpectedConditions.presenceOfElementLocated(by));
		for (int i = 0; i < 200; i++) {
			if (target.equals(activeElement())) {
				return target;
			}
			new Actions(this.driver).sendKeys(Keys.TAB).perform();
		}
		throw new AssertionError("Tab never reached " + by);
	}

	private WebElement activeElement() {
		return this.driver.switchTo().activeElement();
	}

	/**
	 * Tabs to the brand link and to a navigation link on the blue header: their focus
	 * style must keep text readable (contrast of at least 4.5:1 between text and the
	 * focus background).
	 */
	private void focusContrast() {
		for (By link : List.of(By.cssSelector(".site-header a.brand"), By.cssSelector("#nav a[href='./me/preview']"))) {
			tabTo(link);
			Number ratio = (Number) js("""
					const lum = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map((v) => {
					  v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
					  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
					const s = getComputedStyle(document.activeElement);
					const a = lum(s.color), b = lum(s.backgroundColor);
					return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);""");
			assertThat(ratio.doubleValue()).as("focus contrast of " + link).isGreaterThanOrEqualTo(4.5);
		}
	}

	private Object js(String script) {
		return ((JavascriptExecutor) this.driver).executeScript(script);
	}

	private int httpStatus(String path) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
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
		this.browser.click(by);
	}

	private String text(By by) {
		return this.browser.text(by);
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

	private void screenshot(String name) throws IOException {
		this.browser.screenshot(name);
	}

	private String url(String path) {
		return this.browser.url(path);
	}

	// -------------------------------------------------------------------------------------------
	// agency over HTTP

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

	/**
	 * The hospital submits one of its local records to the identity service (record
	 * linkage).
	 */
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
