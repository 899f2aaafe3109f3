package care.concord.server.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.RequiresService;
import care.concord.server.TestOAuth;
import care.concord.server.TestServices.Service;
import care.concord.server.agency.AgencyRegistration;
import care.concord.server.agency.AgencyService;
import care.concord.server.agency.ClientRegistration;
import care.concord.server.agency.ClientView;
import care.concord.server.audit.AuditActor;
import care.concord.server.consent.ConsentActor;
import care.concord.server.consent.ConsentService;
import care.concord.server.consent.DirectiveInput;
import care.concord.server.people.PeopleService;
import care.concord.server.people.PersonRegistration;
import care.concord.server.source.PersonalApp;
import care.concord.server.source.PersonalApps;
import care.concord.server.uma.ClaimTokenVerifier;
import care.concord.server.uma.UmaGrantTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The citizen's distributed record in a real headless Chromium, with a real wearable app:
 * a small HTTP server (the JDK's) that connects through Concord's authorization code flow
 * with PKCE and registers a {@code wearable} pointer with the protection token it
 * receives. Alice connects it in the browser (sign-in, consent screen); her GP's UMA
 * request is refused (explicit consent); she permits her GP and the request succeeds; the
 * "Who can see" matrix shows the change; she disconnects the app in the console; the
 * pointer is gone, the app's token is dead and the GP's RPT is inactive. Skipped without
 * Chromium, except under {@code CI=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:concord-record-e2e;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
@ActiveProfiles("test")
@RequiresService(Service.BROWSER)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitizenRecordEndToEndTests {

	private static final String PASSWORD = "record-e2e-password-1";

	private static final String ALICE_NHS = "9434765919";

	private static final String GP = "A81001";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	PeopleService people;

	@Autowired
	AgencyService agencies;

	@Autowired
	PersonalApps personalApps;

	@Autowired
	ConsentService consent;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private WebDriver driver;

	private WebDriverWait wait;

	private ConsoleBrowser browser;

	private WearableApp app;

	private String alice;

	private ClientView gp;

	private ClientView otherResourceServer;

	@BeforeAll
	void start() throws IOException {
		this.alice = "alice-" + UUID.randomUUID().toString().substring(0, 6);
		this.people.create(new PersonRegistration(this.alice, PASSWORD, "Alice Smith", List.of("citizen"), ALICE_NHS));
		this.agencies.register(new AgencyRegistration(GP, "Riverside Medical Practice", "gp"));
		this.gp = this.agencies.addClient(GP, new ClientRegistration(null, "client_secret_basic",
				List.of("client_credentials"), List.of("uma_authorization", "decision"), null, null, null, null, null));
		this.agencies.register(new AgencyRegistration("RR8", "Leeds Teaching Hospitals", "acute-hospital"));
		this.otherResourceServer = this.agencies.addClient("RR8", new ClientRegistration(null, "client_secret_basic",
				List.of("client_credentials"), List.of("uma_protection"), null, null, null, null, null));
		this.app = new WearableApp();
		PersonalApp registered = this.personalApps.register(AuditActor.system(), "Stride wearable",
				List.of(this.app.callback()), List.of("wearable"));
		this.app.clientId = registered.clientId();

		this.browser = ConsoleBrowser.start(url(""));
		this.driver = this.browser.driver();
		this.wait = new WebDriverWait(this.driver, WAIT);
	}

	@AfterAll
	void stop() throws IOException {
		if (this.browser != null) {
			this.browser.close();
		}
		if (this.app != null) {
			this.app.server.stop(0);
		}
	}

	@Test
	void aliceConnectsHerWearablePermitsHerGpAndDisconnectsIt() throws Exception {
		// Alice starts from the app, signs in at Concord and allows it on the consent
		// screen
		this.driver.get(this.app.connect());
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		this.driver.findElement(By.id("username")).sendKeys(this.alice);
		this.driver.findElement(By.id("password")).sendKeys(PASSWORD);
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("allow")));
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).contains("Stride wearable");
		assertThat(this.driver.getPageSource()).contains("see or change your consent choices");
		screenshot("record-consent-screen");
		this.driver.findElement(By.id("allow")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("app-status"), "Connected"));
		assertThat(this.app.resourceId).as("the app registered a wearable pointer").isNotNull();

		// the GP asks through the UMA exchange: refused, wearable needs explicit consent
		HttpResponse<String> refused = exchange();
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("explicit-consent-required");

		// the console shows where her records are and who can see them
		signInToConsole();
		openConsole("/console/me/record");
		this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("[data-holder='" + this.app.clientId + "']")));
		assertThat(this.driver.findElement(By.id("locations")).getText()).contains("Stride wearable")
			.contains("Wearable device data")
			.contains("Your own app");
		openConsole("/console/me/who-can-see");
		assertThat(cell(GP, "wearable")).isEqualTo("emergency-only");
		screenshot("record-who-can-see-before");

		// Alice permits her GP to see her wearable data: the matrix and the exchange
		// follow at once
		this.consent.add(ConsentActor.self(NhsNumber.parse(ALICE_NHS), this.alice),
				new DirectiveInput("permit", List.of(GP), null, null, List.of("wearable"), null, null, null));
		HttpResponse<String> granted = exchange();
		assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
		String rpt = JSON.readTree(granted.body()).get("access_token").asText();
		openConsole("/console/me/who-can-see");
		assertThat(cell(GP, "wearable")).isEqualTo("allowed");
		this.driver
			.findElement(By.cssSelector(
					"#matrix-organisations tr[data-organisation='" + GP + "'] td[data-category='wearable'] button"))
			.click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cell-reason")));
		screenshot("record-who-can-see-after");

		// Alice disconnects the app in the console
		openConsole("/console/me/sources");
		this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("[data-source='" + this.app.clientId + "']")));
		screenshot("record-my-apps");
		this.driver.findElement(By.cssSelector("[data-source='" + this.app.clientId + "'] .actions button")).click();
		this.wait
			.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[starts-with(., 'Yes, disconnect')]")))
			.click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-sources")));

		// the pointer is gone, the app's token is dead, the GP's RPT is inactive
		assertThat(this.app.listResources().statusCode()).isEqualTo(401);
		String pat = clientToken(this.otherResourceServer, "uma_protection");
		HttpResponse<String> introspection = post("/oauth2/introspect", "Bearer " + pat,
				"token=" + URLEncoder.encode(rpt, StandardCharsets.UTF_8));
		assertThat(JSON.readTree(introspection.body()).get("active").asBoolean()).isFalse();
	}

	// -------------------------------------------------------------------------------------------
	// browser

	private void signInToConsole() {
		this.driver.get(url("/console/"));
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
		// the Concord session from the consent step is still there: straight back to the
		// console
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
	}

	private void openConsole(String path) {
		this.driver.get(url(path));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("page-title")));
		this.wait.until((driver) -> driver.findElements(By.cssSelector("main .hint, main .muted")).size() > 0);
	}

	private String cell(String organisation, String category) {
		return this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#matrix-organisations tr[data-organisation='" + organisation
					+ "'] td[data-category='" + category + "']")))
			.getDomAttribute("data-access");
	}

	private void screenshot(String name) throws IOException {
		this.browser.screenshot(name);
	}

	// -------------------------------------------------------------------------------------------
	// HTTP

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private HttpResponse<String> post(String path, String authorization, String form) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Authorization", authorization)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String clientToken(ClientView client, String scope) throws Exception {
		HttpResponse<String> response = post("/oauth2/token", basic(client),
				"grant_type=client_credentials&scope=" + scope);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("access_token").asText();
	}

	/**
	 * The GP's UMA exchange for the app's pointer: the app asks for a ticket, the GP
	 * redeems it.
	 */
	private HttpResponse<String> exchange() throws Exception {
		String ticket = this.app.ticket();
		return post("/oauth2/token", basic(this.gp),
				"grant_type=" + URLEncoder.encode(UmaGrantTests.UMA_GRANT, StandardCharsets.UTF_8) + "&ticket=" + ticket
						+ "&claim_token=" + UmaGrantTests.claims("TREAT", "clinician", null) + "&claim_token_format="
						+ URLEncoder.encode(ClaimTokenVerifier.PRACTITIONER_CLAIMS, StandardCharsets.UTF_8));
	}

	private static String basic(ClientView client) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((client.clientId() + ":" + client.clientSecret()).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A wearable's companion app, as a real HTTP server: {@code /connect} starts the
	 * authorization code flow with PKCE, {@code /callback} checks the state, redeems the
	 * code and registers a {@code wearable} pointer.
	 */
	final class WearableApp {

		final HttpServer server;

		final TestOAuth.Pkce pkce = TestOAuth.Pkce.generate();

		final String state = UUID.randomUUID().toString();

		String clientId;

		volatile String pat;

		volatile String resourceId;

		WearableApp() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/connect", (exchange) -> {
				exchange.getResponseHeaders()
					.add("Location", url("/oauth2/authorize") + "?response_type=code&client_id=" + this.clientId
							+ "&redirect_uri=" + URLEncoder.encode(callback(), StandardCharsets.UTF_8) + "&scope="
							+ URLEncoder.encode("uma_protection record:wearable", StandardCharsets.UTF_8) + "&state="
							+ this.state + "&code_challenge=" + this.pkce.challenge() + "&code_challenge_method=S256");
				exchange.sendResponseHeaders(302, -1);
				exchange.close();
			});
			this.server.createContext("/callback", this::callback);
			this.server.start();
		}

		String connect() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/connect";
		}

		String callback() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/callback";
		}

		private void callback(HttpExchange exchange) throws IOException {
			String status;
			try {
				Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
				if (!this.state.equals(query.get("state")) || query.get("code") == null) {
					status = "Refused: " + query;
				}
				else {
					HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers
							.ofString("grant_type=authorization_code&code=" + query.get("code") + "&redirect_uri="
									+ URLEncoder.encode(callback(), StandardCharsets.UTF_8) + "&client_id="
									+ this.clientId + "&code_verifier=" + this.pkce.verifier()))
						.build(), HttpResponse.BodyHandlers.ofString());
					this.pat = JSON.readTree(token.body()).get("access_token").asText();
					HttpResponse<String> registered = http
						.send(HttpRequest.newBuilder(URI.create(url("/uma/resource_set")))
							.header("Authorization", "Bearer " + this.pat)
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers
								.ofString("{\"name\":\"Steps and heart rate\",\"type\":\"wearable\","
										+ "\"resource_scopes\":[\"read\"],\"subject\":\"" + ALICE_NHS + "\"}"))
							.build(), HttpResponse.BodyHandlers.ofString());
					this.resourceId = JSON.readTree(registered.body()).get("_id").asText();
					status = "Connected to Concord";
				}
			}
			catch (Exception ex) {
				status = "Failed: " + ex;
			}
			byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><title>Stride</title></head><body><main><h1>Stride</h1>"
					+ "<p id=\"app-status\">" + status.replace("<", "&lt;") + "</p></main></body></html>")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		}

		String ticket() throws Exception {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/uma/permission")))
				.header("Authorization", "Bearer " + this.pat)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"resource_id\":\"" + this.resourceId + "\",\"resource_scopes\":[\"read\"]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			return JSON.readTree(response.body()).get("ticket").asText();
		}

		HttpResponse<String> listResources() throws Exception {
			return http.send(HttpRequest.newBuilder(URI.create(url("/uma/resource_set")))
				.header("Authorization", "Bearer " + this.pat)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private static Map<String, String> query(String raw) {
			Map<String, String> values = new java.util.HashMap<>();
			if (raw != null) {
				for (String pair : raw.split("&")) {
					int eq = pair.indexOf('=');
					if (eq > 0) {
						values.put(pair.substring(0, eq),
								java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
					}
				}
			}
			return values;
		}

	}

}
