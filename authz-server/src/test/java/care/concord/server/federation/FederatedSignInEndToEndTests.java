package care.concord.server.federation;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import care.concord.policy.request.OrgType;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestFixturesConfiguration;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.federation.TestIdentityProvider.Tamper;
import care.concord.server.uma.ClaimTokenVerifier;
import care.concord.server.uma.PermissionTicketValues;
import care.concord.server.uma.ResourceDescription;
import care.concord.server.people.Person;
import care.concord.server.people.PeopleService;
import care.concord.server.people.PersonRegistration;
import care.concord.server.people.PersonRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sign-in through upstream OpenID Connect providers, end to end: a real headless
 * Chromium, Concord on a random port of {@code 127.0.0.1}, and a real OpenID Connect
 * provider ({@link TestIdentityProvider}, another Spring Authorization Server) shaped
 * like NHS login and CIS2, with {@code private_key_jwt}, PKCE and {@code nonce}.
 *
 * <p>
 * Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian
 * {@code chromium}, {@code chromium-driver}); skipped without them, except under
 * {@code CI=true}, where it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:concord-federation-e2e;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		"concord.federation.providers.nhs-login.kind=nhs-login",
		"concord.federation.providers.nhs-login.client-id=" + TestIdentityProvider.NHS_LOGIN_CLIENT,
		"concord.federation.providers.nhs-login.scopes=openid,profile",
		"concord.federation.providers.nhs-login.authorization-parameters.vtr=[\"P9.Cp.Cd\",\"P9.Cp.Ck\",\"P9.Cm\",\"P5.Cp.Cd\"]",
		"concord.federation.providers.cis2.kind=cis2",
		"concord.federation.providers.cis2.client-id=" + TestIdentityProvider.CIS2_CLIENT,
		"concord.federation.providers.cis2.scopes=openid,profile",
		"concord.federation.providers.cis2.role-mappings.R8008=ig-officer",
		"concord.federation.providers.cis2.role-mappings.R0001=admin",
		"concord.federation.providers.cis2.privileged-acr-values=AAL3_ANY",
		"concord.federation.providers.down.kind=cis2",
		"concord.federation.providers.down.display-name=Sign in with a provider that is down",
		"concord.federation.providers.down.issuer-uri=http://127.0.0.1:9/down",
		"concord.federation.providers.down.client-id=concord",
		"concord.federation.claim-token-issuers.cis2.audiences=" + FederatedSignInEndToEndTests.GP_SYSTEM_AT_CIS2,
		"concord.federation.claim-token-issuers.cis2.practitioner-roles.R8000=clinician",
		"concord.federation.connect-timeout=1s", "concord.federation.read-timeout=3s",
		"concord.second-factor.required-roles=ig-officer,admin" })
@ActiveProfiles("test")
@AutoConfigureMockMvc
@Import(TestFixturesConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederatedSignInEndToEndTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** Valid NHS numbers (Modulus 11) not used by other tests of this context. */
	private static final String NHS_A = "9434765870";

	private static final String NHS_B = "9434765889";

	/**
	 * The client id of a GP practice's clinical system at CIS2, whose practitioners' ID
	 * tokens it pushes.
	 */
	static final String GP_SYSTEM_AT_CIS2 = "gp-clinical-system";

	private static final TestIdentityProvider idp = new TestIdentityProvider();

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		registry.add("concord.federation.providers.nhs-login.issuer-uri", idp::issuer);
		registry.add("concord.federation.providers.cis2.issuer-uri", idp::issuer);
		registry.add("concord.federation.claim-token-issuers.cis2.issuer", idp::issuer);
		registry.add("concord.federation.claim-token-issuers.cis2.jwks-uri", () -> idp.issuer() + "/oauth2/jwks");
	}

	@LocalServerPort
	int port;

	@Autowired
	PersonRepository people;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	PeopleService peopleService;

	@Autowired
	TestAgencies agencies;

	private ChromeDriver driver;

	private WebDriverWait wait;

	private Path profile;

	@BeforeAll
	void start() throws Exception {
		String chromium = System.getProperty("concord.e2e.chromium", "/usr/bin/chromium");
		String chromedriver = System.getProperty("concord.e2e.chromedriver", "/usr/bin/chromedriver");
		boolean installed = Files.isExecutable(Path.of(chromium)) && Files.isExecutable(Path.of(chromedriver));
		if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
			fail("Chromium and ChromeDriver are needed: apt-get install -y chromium chromium-driver");
		}
		assumeTrue(installed, "Chromium and ChromeDriver not installed; skipped");
		idp.concord(concord(""));
		this.profile = Files.createTempDirectory("concord-federation-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-extensions", "--lang=en-GB", "--user-data-dir=" + this.profile, "--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.driver, WAIT);
	}

	@BeforeEach
	void signedOutEverywhere() {
		if (this.driver != null) {
			// the console keeps its tokens in session storage; both servers keep sessions
			// in cookies
			this.driver.get(concord("/console/signed-out"));
			this.driver.executeScript("sessionStorage.clear()");
			this.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		}
	}

	@AfterAll
	void stop() throws Exception {
		if (this.driver != null) {
			this.driver.quit();
		}
		idp.close();
		if (this.profile != null) {
			try (var paths = Files.walk(this.profile)) {
				paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	// -------------------------------------------------------------------------------------------
	// NHS login

	@Test
	void citizenWhenP9ThenAccountBoundToNhsNumberAndEditsConsentInConsole() {
		String sub = citizen(NHS_A, "P9", "P9.Cp.Cd", Tamper.NONE);
		signInToConsole("nhs-login", sub);
		String username = "nhs-login:" + sub;
		assertThat(this.driver.findElement(By.id("account")).getText()).contains(username);
		Person person = this.people.findById(username).orElseThrow();
		assertThat(person.getNhsNumber()).isEqualTo(NHS_A);
		assertThat(person.getRoles()).containsExactly("citizen");
		assertThat(auditCount("IDENTITY_ACTION", username, "federated-sign-in")).isEqualTo(1);

		// the citizen edits their consent: a directive denying hospitals their
		// medications
		this.driver.get(concord("/console/me/directives"));
		click(By.id("add-directive"));
		WebElement form = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("directive-form")));
		new Select(form.findElement(By.name("effect"))).selectByValue("deny");
		tick(form, "org_types", "acute-hospital");
		tick(form, "categories", "medications");
		click(By.id("save-directive"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("directive-list"),
				"Deny hospitals: medications"));

		// a second sign-in finds the same account, and makes none
		long accounts = this.people.count();
		signedOutEverywhere();
		signInToConsole("nhs-login", sub);
		assertThat(this.people.count()).isEqualTo(accounts);
	}

	@Test
	void citizenWhenP5ThenSignedInWithoutConsentAndToldWhy() {
		String sub = citizen(null, "P5", "P5.Cp.Cd", Tamper.NONE);
		long accounts = this.people.count();
		signInUpstream("nhs-login", sub);
		this.wait.until(ExpectedConditions.urlContains("/login/federated/limited"));
		assertThat(alert().getAttribute("data-reason")).isEqualTo("proofing-level-too-low");
		assertThat(alert().getText()).contains("cannot see or change your consent");
		assertThat(this.people.count()).isEqualTo(accounts);
		assertThat(auditCount("IDENTITY_ACTION", "nhs-login:" + sub, "federated-sign-in")).isEqualTo(1);
	}

	@Test
	void citizenWhenP9ClaimWithoutP9VectorOfTrustThenTreatedAsLowerLevel() {
		String sub = citizen(NHS_B, "P9", "P5.Cp.Cd", Tamper.NONE);
		signInUpstream("nhs-login", sub);
		this.wait.until(ExpectedConditions.urlContains("/login/federated/limited"));
		assertThat(this.people.findByNhsNumber(NHS_B)).isEmpty();
	}

	@Test
	void citizenWhenNhsNumberFailsModulus11ThenRefusedAndNothingCreated() {
		String sub = citizen("9434765871", "P9", "P9.Cp.Cd", Tamper.NONE);
		assertRefused("nhs-login", sub, "nhs-number-invalid");
		assertThat(this.people.findById("nhs-login:" + sub)).isEmpty();
		assertThat(auditCount("REFUSED", "nhs-login:" + sub, "nhs-number-invalid")).isEqualTo(1);
	}

	@Test
	void citizenWhenNhsNumberMissingThenRefused() {
		String sub = citizen(null, "P9", "P9.Cp.Cd", Tamper.NONE);
		assertRefused("nhs-login", sub, "nhs-number-invalid");
	}

	@Test
	void citizenWhenAnotherIdentityBringsABoundNhsNumberThenSameAccountNeverASecond() {
		String first = citizen("9434765897", "P9", "P9.Cp.Cd", Tamper.NONE);
		signInUpstream("nhs-login", first);
		this.wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("localhost")));
		String second = citizen("9434765897", "P9", "P9.Cp.Cd", Tamper.NONE);
		signedOutEverywhere();
		signInUpstream("nhs-login", second);
		this.wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("localhost")));
		assertThat(this.people.findById("nhs-login:" + second)).isEmpty();
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM person WHERE nhs_number = '9434765897'").query(Long.class).single())
			.isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT username FROM federated_identity WHERE subject = ?")
			.param(second)
			.query(String.class)
			.single()).isEqualTo("nhs-login:" + first);
	}

	@ParameterizedTest
	@EnumSource(value = Tamper.class,
			names = { "WRONG_SIGNATURE", "WRONG_ISSUER", "WRONG_AUDIENCE", "WRONG_NONCE", "EXPIRED" })
	void citizenWhenIdTokenIsBadThenRefusedAndNothingCreated(Tamper tamper) {
		String sub = citizen("9434765900", "P9", "P9.Cp.Cd", tamper);
		long before = auditCount("REFUSED", null, "invalid-id-token");
		assertRefused("nhs-login", sub, "invalid-id-token");
		assertThat(this.people.findByNhsNumber("9434765900")).isEmpty();
		assertThat(auditCount("REFUSED", null, "invalid-id-token")).isEqualTo(before + 1);
	}

	// -------------------------------------------------------------------------------------------
	// CIS2

	@Test
	void staffWhenCis2IgRoleAtSmartcardAssuranceThenIgOfficerInConsole() {
		String uid = staff("S8000:G8000:R8008", "AAL3_ANY");
		signInToConsole("cis2", uid);
		String username = "cis2:" + uid;
		assertThat(this.people.findById(username).orElseThrow().getRoles()).containsExactly("ig-officer");
		this.driver.get(concord("/console/ig/break-glass"));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("break-glass-queue")));
		assertThat(this.jdbc.sql("SELECT actor_agency FROM audit_record WHERE actor_username = ? AND event_type = ?")
			.params(username, "IDENTITY_ACTION")
			.query(String.class)
			.single()).isEqualTo("RAE01");
	}

	@Test
	void staffWhenCis2RoleUnknownThenRefusedAndNothingCreated() {
		String uid = staff("S8000:G8000:R8000", "AAL3_ANY");
		assertRefused("cis2", uid, "cis2-role-unknown");
		assertThat(this.people.findById("cis2:" + uid)).isEmpty();
		assertThat(auditCount("REFUSED", "cis2:" + uid, "cis2-role-unknown")).isEqualTo(1);
	}

	@Test
	void staffWhenIgRoleWithoutSmartcardAssuranceThenRefused() {
		String uid = staff("S8000:G8000:R8008", "AAL2_OR_ABOVE");
		assertRefused("cis2", uid, "cis2-assurance-too-low");
		assertThat(this.people.findById("cis2:" + uid)).isEmpty();
	}

	// -------------------------------------------------------------------------------------------
	// UMA claim token

	@Test
	void umaGrantWhenCis2IdTokenThenRoleAndOrganisationFromCis2AndAuditNamesPractitioner() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "uma_authorization", "decision");
		String ticket = ticketForGp(gp);
		String uid = "555" + System.nanoTime() % 1_000_000_000L;
		String token = idp.idToken(practitioner(uid, gp.code(), "S8000:G8000:R8000"), GP_SYSTEM_AT_CIS2, idp.issuer(),
				false);
		MvcResult result = umaGrant(gp, ticket, token).andExpect(status().isOk()).andReturn();
		assertThat(result.getResponse().getContentAsString()).contains("access_token");
		assertThat(this.jdbc
			.sql("SELECT on_behalf_of FROM audit_record WHERE event_type = 'DECISION' AND correlation_id = ?")
			.param(PermissionTicketValues.reference(ticket))
			.query(String.class)
			.single()).isEqualTo(uid);
	}

	@Test
	void umaGrantWhenCis2IdTokenForgedWrongIssuerWrongAudienceOrOtherOrganisationThenInvalidGrant() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "uma_authorization", "decision");
		Map<String, Object> claims = practitioner("555000000001", gp.code(), "S8000:G8000:R8000");
		Map<String, String> refused = new java.util.LinkedHashMap<>();
		refused.put("forged", idp.idToken(claims, GP_SYSTEM_AT_CIS2, idp.issuer(), true));
		refused.put("wrong issuer", idp.idToken(claims, GP_SYSTEM_AT_CIS2, "http://localhost:1/other", false));
		refused.put("wrong audience", idp.idToken(claims, "another-system", idp.issuer(), false));
		refused.put("other organisation", idp.idToken(practitioner("555000000001", "Y99999", "S8000:G8000:R8000"),
				GP_SYSTEM_AT_CIS2, idp.issuer(), false));
		refused.put("unknown role", idp.idToken(practitioner("555000000001", gp.code(), "S0080:G0450:R5080"),
				GP_SYSTEM_AT_CIS2, idp.issuer(), false));
		for (Map.Entry<String, String> token : refused.entrySet()) {
			String ticket = ticketForGp(gp);
			umaGrant(gp, ticket, token.getValue()).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.error").value("invalid_grant"));
			assertThat(this.jdbc
				.sql("SELECT count(*) FROM audit_record WHERE event_type = 'REFUSED'" + " AND correlation_id = ?")
				.param(PermissionTicketValues.reference(ticket))
				.query(Long.class)
				.single()).as(token.getKey()).isEqualTo(1);
		}
	}

	private static Map<String, Object> practitioner(String uid, String orgCode, String roleCode) {
		return Map.of("sub", uid, "nhsid_useruid", uid, "acr", "AAL3_ANY", "selected_roleid", "role-1",
				"nhsid_nrbac_roles",
				List.of(Map.of("person_roleid", "role-1", "org_code", orgCode, "role_code", roleCode)));
	}

	/**
	 * A hospital holding a citizen's medications, the GP's care relationship with them,
	 * and a ticket.
	 */
	private String ticketForGp(TestAgency gp) throws Exception {
		TestAgency hospital = this.agencies.register(OrgType.ACUTE_HOSPITAL, "uma_protection");
		String pat = hospital.accessToken();
		String citizen = TestNhsNumbers.next();
		MvcResult resource = this.mvc.perform(
				post("/uma/resource_set").header(HttpHeaders.AUTHORIZATION, "Bearer " + pat)
					.contentType(MediaType.APPLICATION_JSON)
					.content(TestOAuth.toJson(Map.of("name", "medications", "type",
							ResourceDescription.CATEGORY_TYPE_PREFIX + "medications", "resource_scopes",
							List.of("read"), "subject", citizen))))
			.andExpect(status().isCreated())
			.andReturn();
		this.mvc
			.perform(
					post("/api/relationships").header(HttpHeaders.AUTHORIZATION, "Bearer " + gp.accessToken("decision"))
						.contentType(MediaType.APPLICATION_JSON)
						.content("{\"subject\":\"" + citizen + "\"}"))
			.andExpect(status().is2xxSuccessful());
		MvcResult ticket = this.mvc
			.perform(post("/uma/permission").header(HttpHeaders.AUTHORIZATION, "Bearer " + pat)
				.contentType(MediaType.APPLICATION_JSON)
				.content(TestOAuth.toJson(List.of(Map.of("resource_id", TestOAuth.json(resource).get("_id"),
						"resource_scopes", List.of("read"))))))
			.andExpect(status().isCreated())
			.andReturn();
		return (String) TestOAuth.json(ticket).get("ticket");
	}

	private ResultActions umaGrant(TestAgency client, String ticket, String idToken) throws Exception {
		return this.mvc.perform(post("/oauth2/token")
			.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(client.clientId(), client.clientSecret()))
			.param("grant_type", "urn:ietf:params:oauth:grant-type:uma-ticket")
			.param("ticket", ticket)
			.param("claim_token", idToken)
			.param("claim_token_format", ClaimTokenVerifier.CIS2_ID_TOKEN)
			.param("purpose_of_use", "TREAT"));
	}

	// -------------------------------------------------------------------------------------------
	// local second factor

	@Test
	void localAdminWhenPasswordRightThenEnrolsTotpAndNeedsAFreshCodeEachSignIn() {
		String admin = "admin-" + UUID.randomUUID().toString().substring(0, 8);
		this.peopleService
			.create(new PersonRegistration(admin, "local-admin-password-1", "Ada Admin", List.of("admin"), null));
		adminPasswordSignIn(admin);
		// enrolment: the secret to add to an authenticator app
		String secret = this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("totp-secret"))).getText();
		assertThat(this.driver.findElement(By.id("totp-uri")).getText()).startsWith("otpauth://totp/Concord");
		enterCode("000000".equals(currentCode(secret, 0)) ? "111111" : "000000");
		assertThat(alert().getText()).contains("not right");
		assertThat(this.driver.findElements(By.id("sign-out"))).isEmpty();
		String code = currentCode(secret, 0);
		enterCode(code);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
		assertThat(auditCount("IDENTITY_ACTION", admin, "second-factor-enrolled")).isEqualTo(1);
		assertThat(auditCount("REFUSED", admin, "second-factor-invalid")).isEqualTo(1);

		// next sign-in: no secret shown; the code just used is refused, the next one
		// accepted
		signedOutEverywhere();
		adminPasswordSignIn(admin);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
		assertThat(this.driver.findElements(By.id("totp-secret"))).isEmpty();
		enterCode(code);
		assertThat(alert().getText()).contains("already used");
		enterCode(currentCode(secret, 1));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
		assertThat(auditCount("IDENTITY_ACTION", admin, "second-factor-verified")).isEqualTo(1);
	}

	@Test
	void localCitizenWhenPasswordRightThenNoSecondFactor() {
		String citizen = "citizen-" + UUID.randomUUID().toString().substring(0, 8);
		this.peopleService.create(new PersonRegistration(citizen, "local-citizen-password-1", "Alex Citizen",
				List.of("citizen"), "9434765927"));
		passwordSignIn(citizen, "local-citizen-password-1");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
	}

	private void passwordSignIn(String username, String password) {
		this.driver.get(concord("/console/"));
		click(By.id("sign-in"));
		this.wait.until(ExpectedConditions.urlContains("/login"));
		this.driver.findElement(By.id("username")).sendKeys(username);
		this.driver.findElement(By.id("password")).sendKeys(password);
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
	}

	private void adminPasswordSignIn(String username) {
		passwordSignIn(username, "local-admin-password-1");
		this.wait.until(ExpectedConditions.urlContains("/login/second-factor"));
	}

	private void enterCode(String code) {
		WebElement field = this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
		field.clear();
		field.sendKeys(code);
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
	}

	private static String currentCode(String secret, int stepsAhead) {
		return care.concord.server.secondfactor.TotpCodes.code(secret, stepsAhead);
	}

	// -------------------------------------------------------------------------------------------
	// provider down

	@Test
	void providerWhenUnreachableThenClearPage() {
		this.driver.get(concord("/login"));
		click(By.id("sign-in-down"));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")));
		assertThat(alert().getAttribute("data-reason")).isEqualTo("provider-unavailable");
	}

	// -------------------------------------------------------------------------------------------
	// helpers

	private String citizen(String nhsNumber, String level, String vot, Tamper tamper) {
		String sub = UUID.randomUUID().toString();
		Map<String, Object> claims = new java.util.HashMap<>(Map.of("sub", sub, "identity_proofing_level", level, "vot",
				vot, "given_name", "Alex", "family_name", "Citizen"));
		if (nhsNumber != null) {
			claims.put("nhs_number", nhsNumber);
		}
		idp.person(sub, claims, tamper);
		return sub;
	}

	private String staff(String roleCode, String acr) {
		String uid = String.valueOf(555000000000L + (long) (Math.random() * 999999999L));
		idp.person(uid,
				Map.of("sub", uid, "nhsid_useruid", uid, "acr", acr, "selected_roleid", "role-2", "given_name", "Isla",
						"family_name", "Officer", "nhsid_nrbac_roles",
						List.of(Map.of("person_roleid", "role-1", "org_code", "X26", "role_code", "S0080:G0450:R8000"),
								Map.of("person_roleid", "role-2", "org_code", "RAE01", "role_code", roleCode))));
		return uid;
	}

	/**
	 * From the console: its sign-in button, Concord's login page, the provider's link and
	 * login form.
	 */
	private void signInToConsole(String provider, String idpUser) {
		this.driver.get(concord("/console/"));
		click(By.id("sign-in"));
		this.wait.until(ExpectedConditions.urlContains("/login"));
		click(By.id("sign-in-" + provider));
		idpLogin(idpUser);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
	}

	private void signInUpstream(String provider, String idpUser) {
		this.driver.get(concord("/login"));
		click(By.id("sign-in-" + provider));
		idpLogin(idpUser);
	}

	private void idpLogin(String idpUser) {
		this.wait.until(ExpectedConditions.urlContains(idp.issuer() + "/login"));
		this.driver.findElement(By.id("username")).sendKeys(idpUser);
		this.driver.findElement(By.id("password")).sendKeys(TestIdentityProvider.PASSWORD);
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
	}

	private void assertRefused(String provider, String idpUser, String reason) {
		signInUpstream(provider, idpUser);
		this.wait.until(ExpectedConditions.urlContains("/login/federated/refused"));
		assertThat(alert().getAttribute("data-reason")).isEqualTo(reason);
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo("You have not been signed in");
	}

	private WebElement alert() {
		return this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")));
	}

	private long auditCount(String type, String username, String reason) {
		return this.jdbc
			.sql("SELECT count(*) FROM audit_record WHERE event_type = ? AND reason_code = ?"
					+ ((username != null) ? " AND actor_username = ?" : ""))
			.params((username != null) ? List.of(type, reason, username) : List.of(type, reason))
			.query(Long.class)
			.single();
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

	private String concord(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
