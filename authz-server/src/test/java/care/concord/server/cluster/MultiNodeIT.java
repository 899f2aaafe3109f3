package care.concord.server.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.concord.server.RequiresService;
import care.concord.server.TestServices.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Concord nodes from the packaged jar against the same PostgreSQL (a database of the
 * test's own) and a Redis server the test starts itself on a free port (never the
 * machine's shared one), driven over HTTP:
 * <ol>
 * <li>a permission ticket issued on node A is redeemed on node B, then refused on A;</li>
 * <li>a citizen's deny directive made on A is enforced by a decision on B within one
 * second (the lag is measured and printed), and the RPT granted before it stops
 * introspecting as active on B;</li>
 * <li>a client's token budget is shared by both nodes;</li>
 * <li>Redis is stopped mid-run: health shows it, tickets and consent changes fail closed
 * (503, nothing written), decisions still see every committed change; Redis is restarted
 * and both nodes recover by themselves; the audit chain verifies at the end.</li>
 * </ol>
 * Runs in {@code mvn verify} (failsafe), after the jar is built. Skipped with a message
 * when PostgreSQL or {@code redis-server} is absent, except under {@code CI=true}, where
 * it fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RequiresService({ Service.POSTGRESQL, Service.REDIS_SERVER })
class MultiNodeIT {

	// Demo profile seed (care.concord.server.demo): agencies, clients and people with
	// known credentials.
	static final String CITIZEN_NHS = "9434765919";

	static final String HOSPITAL_CLIENT = "rr8-client";

	static final String HOSPITAL_SECRET = "demo-secret-rr8";

	static final String GP_CLIENT = "a81001-client";

	static final String GP_SECRET = "demo-secret-a81001";

	static final String PHARMACY_CLIENT = "fa123-client";

	static final String PHARMACY_SECRET = "demo-secret-fa123";

	static final String CITIZEN_USER = "alice";

	static final String CITIZEN_PASSWORD = "concord-demo-alice";

	static final String IG_USER = "iris";

	static final String IG_PASSWORD = "concord-demo-iris";

	static final int TOKEN_BUDGET = 40;

	/** Both nodes share the signing keys' key-encryption key (a test value). */
	static final String KEY_ENCRYPTION_KEY = java.util.Base64.getEncoder()
		.encodeToString("multi-node test key-encrypt key!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

	private static final Path WORK = Path.of("target", "multinode");

	private static NodeProcess redis;

	private static NodeProcess nodeA;

	private static NodeProcess nodeB;

	private static String database;

	private static String a;

	private static String b;

	private static String rpt;

	private static String resourceId;

	@BeforeAll
	static void startCluster() throws Exception {
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		Path jar = Path.of("target", "concord-server.jar");
		boolean ready = Files.isRegularFile(jar);
		if (!ready && ci) {
			throw new IllegalStateException("multi-node test needs target/concord-server.jar (CI=true)");
		}
		Assumptions.assumeTrue(ready, "multi-node test skipped: needs the packaged jar (mvn package)");
		Files.createDirectories(WORK);
		database = "concord_multinode_" + ProcessHandle.current().pid() + "_" + (System.currentTimeMillis() % 100000);
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
				"postgres", "")) {
			connection.createStatement().execute("CREATE DATABASE " + database);
		}
		redis = NodeProcess.redis(WORK.toAbsolutePath(), NodeProcess.freePort()).start();
		waitForRedis();
		int portA = NodeProcess.freePort();
		int portB = NodeProcess.freePort();
		a = "http://127.0.0.1:" + portA;
		b = "http://127.0.0.1:" + portB;
		List<String> common = List.of("--spring.profiles.active=postgres,cluster,demo",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + database,
				"--spring.data.redis.port=" + redis.port, "--spring.data.redis.database=0", "--concord.issuer=" + a,
				"--concord.console.redirect-uris=" + a + "/console/callback",
				"--concord.rate-limit.token-requests=" + TOKEN_BUDGET, "--concord.rate-limit.window=10m",
				"--concord.keys.encryption-key=" + KEY_ENCRYPTION_KEY,
				"--management.endpoint.health.show-details=always", "--logging.level.root=WARN");
		// A first, so that demo seeding, key creation and migrations happen once; then B
		// joins.
		nodeA = NodeProcess.concord("node-a", jar.toAbsolutePath(), WORK.toAbsolutePath(), portA, common).start();
		nodeA.awaitHttp(Http.CLIENT, a + "/actuator/health/readiness", Duration.ofSeconds(180));
		nodeB = NodeProcess.concord("node-b", jar.toAbsolutePath(), WORK.toAbsolutePath(), portB, common).start();
		nodeB.awaitHttp(Http.CLIENT, b + "/actuator/health/readiness", Duration.ofSeconds(180));
	}

	@AfterAll
	static void stopCluster() throws Exception {
		for (NodeProcess process : new NodeProcess[] { nodeB, nodeA, redis }) {
			if (process != null) {
				process.stop();
			}
		}
		if (database != null) {
			try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
					"postgres", "")) {
				connection.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			}
		}
	}

	@Test
	@Order(1)
	void ticketIssuedOnOneNodeIsRedeemedOnTheOtherOnceOnly() throws Exception {
		String pat = Http.clientToken(a + "/oauth2/token", HOSPITAL_CLIENT, HOSPITAL_SECRET, "uma_protection");
		Http.Response registered = Http.json("POST", a + "/uma/resource_set", pat, Map.of("name", "Summary care record",
				"type", "summary", "resource_scopes", List.of("read"), "subject", CITIZEN_NHS));
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		resourceId = registered.text("_id");
		// The GP declares its care relationship with the citizen (on node B: the database
		// is shared).
		String gpDecision = Http.clientToken(b + "/oauth2/token", GP_CLIENT, GP_SECRET, "decision");
		Http.Response relationship = Http.json("POST", b + "/api/relationships", gpDecision,
				Map.of("subject", CITIZEN_NHS));
		assertThat(relationship.status()).as(relationship.body()).isIn(200, 201, 204);

		String ticket = ticket(a, pat);
		Http.Response onB = redeem(b, ticket);
		assertThat(onB.status()).as(onB.body()).isEqualTo(200);
		rpt = onB.text("access_token");
		Http.Response againOnA = redeem(a, ticket);
		assertThat(againOnA.status()).as(againOnA.body()).isEqualTo(400);
		assertThat(againOnA.text("error")).isEqualTo("invalid_grant");
		assertThat(introspectRpt(b, pat).get("active").asBoolean()).isTrue();
	}

	@Test
	@Order(0)
	void signingKeysAreEncryptedAtRestAndBothNodesSignAndVerify() throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database,
				"postgres", "");
				java.sql.ResultSet rows = connection.createStatement()
					.executeQuery("SELECT private_key FROM signing_key")) {
			int keys = 0;
			while (rows.next()) {
				assertThat(rows.getString(1)).startsWith("enc:v1:");
				keys++;
			}
			assertThat(keys).isPositive();
		}
		String onA = Http.clientToken(a + "/oauth2/token", HOSPITAL_CLIENT, HOSPITAL_SECRET, "uma_protection");
		Http.Response introspectedOnB = Http.postForm(b + "/oauth2/introspect",
				Http.basic(HOSPITAL_CLIENT, HOSPITAL_SECRET), Map.of("token", onA));
		assertThat(introspectedOnB.json().get("active").asBoolean()).as(introspectedOnB.body()).isTrue();
	}

	@Test
	@Order(2)
	void revocationOnOneNodeIsEnforcedOnTheOtherWithinOneSecond() throws Exception {
		String gp = Http.clientToken(b + "/oauth2/token", GP_CLIENT, GP_SECRET, "decision");
		assertThat(evaluate(b, gp)).as("GP may read the summary before the change").isTrue();
		String citizen = Http.personToken(a, "concord-console", a + "/console/callback", CITIZEN_USER,
				CITIZEN_PASSWORD);

		Http.Response change = Http.json("POST", a + "/api/me/directives", citizen,
				Map.of("effect", "deny", "organisations", List.of("A81001")));
		Instant acknowledged = Instant.now();
		assertThat(change.status()).as(change.body()).isIn(200, 201);

		Duration lag = null;
		while (Duration.between(acknowledged, Instant.now()).compareTo(Duration.ofSeconds(5)) < 0) {
			if (!evaluate(b, gp)) {
				lag = Duration.between(acknowledged, Instant.now());
				break;
			}
			Thread.sleep(10);
		}
		System.out.println("[multi-node] revocation lag from node A's answer to a deny on node B: "
				+ ((lag != null) ? lag.toMillis() + " ms" : "not seen"));
		assertThat(lag).as("decision on B denies after the change on A").isNotNull();
		assertThat(lag).isLessThan(Duration.ofSeconds(1));
		String pat = Http.clientToken(b + "/oauth2/token", HOSPITAL_CLIENT, HOSPITAL_SECRET, "uma_protection");
		assertThat(introspectRpt(b, pat).get("active").asBoolean()).as("earlier RPT now denied").isFalse();
		assertThat(introspectRpt(a, pat).get("active").asBoolean()).isFalse();
	}

	@Test
	@Order(3)
	void tokenBudgetIsSharedAcrossNodes() throws Exception {
		int granted = 0;
		Http.Response refused = null;
		for (int i = 0; i < TOKEN_BUDGET + 10 && refused == null; i++) {
			String node = (i % 2 == 0) ? a : b;
			Http.Response response = Http.postForm(node + "/oauth2/token", Http.basic(PHARMACY_CLIENT, PHARMACY_SECRET),
					Map.of("grant_type", "client_credentials"));
			if (response.status() == 200) {
				granted++;
			}
			else {
				refused = response;
			}
		}
		assertThat(granted).isEqualTo(TOKEN_BUDGET);
		assertThat(refused).isNotNull();
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.text("error")).isEqualTo("temporarily_unavailable");
	}

	@Test
	@Order(4)
	void redisOutageFailsClosedAndRecovers() throws Exception {
		String pat = Http.clientToken(a + "/oauth2/token", HOSPITAL_CLIENT, HOSPITAL_SECRET, "uma_protection");
		String gp = Http.clientToken(b + "/oauth2/token", GP_CLIENT, GP_SECRET, "decision");
		String citizen = Http.personToken(a, "concord-console", a + "/console/callback", CITIZEN_USER,
				CITIZEN_PASSWORD);
		int directivesBefore = directives(b, citizen);

		redis.stop();

		Http.Response health = Http
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(a + "/actuator/health")).build());
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.body()).contains("redis");
		Http.Response ticket = Http.json("POST", a + "/uma/permission", pat,
				Map.of("resource_id", resourceId, "resource_scopes", List.of("read")));
		assertThat(ticket.status()).as(ticket.body()).isEqualTo(503);
		Http.Response change = Http.json("POST", a + "/api/me/directives", citizen,
				Map.of("effect", "permit", "organisations", List.of("A81001")));
		assertThat(change.status()).as(change.body()).isEqualTo(503);
		assertThat(evaluate(b, gp)).as("the committed deny still holds without Redis").isFalse();

		redis.start();
		waitForRedis();
		// each node reconnects to Redis on its own schedule: wait until both say they are
		// healthy again
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline && !(healthy(a) && healthy(b))) {
			Thread.sleep(250);
		}
		assertThat(healthy(a) && healthy(b)).as("both nodes recover once Redis is back").isTrue();
		assertThat(directives(b, citizen)).as("the refused change wrote nothing").isEqualTo(directivesBefore);
		// a node still reconnecting may answer 503 (fail closed); it must never grant
		Http.Response denied = redeem(b, ticket(a, pat));
		while (denied.status() == 503 && System.nanoTime() < deadline) {
			Thread.sleep(250);
			denied = redeem(b, ticket(a, pat));
		}
		assertThat(denied.status()).as("still denied by the citizen's directive: " + denied.body()).isEqualTo(403);
		assertThat(denied.text("error")).isEqualTo("request_denied");
		String ig = Http.personToken(a, "concord-console", a + "/console/callback", IG_USER, IG_PASSWORD);
		Http.Response verify = Http.json("GET", b + "/api/audit/verify", ig, null);
		assertThat(verify.status()).as(verify.body()).isEqualTo(200);
		assertThat(verify.json().get("ok").asBoolean()).as(verify.body()).isTrue();
	}

	@Test
	@Order(5)
	void agencyDisabledOnOneNodeGetsNoTokenOnTheOtherAtOnce() throws Exception {
		Map<String, String> form = Map.of("grant_type", "client_credentials");
		String socialCare = Http.basic("sc101-client", "demo-secret-sc101");
		Http.Response before = Http.postForm(b + "/oauth2/token", socialCare, form);
		assertThat(before.status()).as("B has the client cached: " + before.body()).isEqualTo(200);
		String earlier = before.text("access_token");
		String admin = Http.personToken(a, "concord-console", a + "/console/callback", "admin", "concord-demo-admin");

		Http.Response disabled = Http.json("POST", a + "/api/admin/agencies/SC101/disable", admin, null);
		assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
		Http.Response refused = Http.postForm(b + "/oauth2/token", socialCare, form);
		assertThat(refused.status()).as("the next request on B, no waiting: " + refused.body()).isEqualTo(401);
		assertThat(refused.text("error")).isEqualTo("invalid_client");
		Http.Response introspection = Http.postForm(b + "/oauth2/introspect",
				Http.basic(HOSPITAL_CLIENT, HOSPITAL_SECRET), Map.of("token", earlier));
		assertThat(introspection.json().get("active").asBoolean()).as(introspection.body()).isFalse();

		Http.Response enabled = Http.json("POST", a + "/api/admin/agencies/SC101/enable", admin, null);
		assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
		Http.Response after = Http.postForm(b + "/oauth2/token", socialCare, form);
		assertThat(after.status()).as(after.body()).isEqualTo(200);
	}

	private static String ticket(String node, String pat) throws Exception {
		Http.Response response = Http.json("POST", node + "/uma/permission", pat,
				Map.of("resource_id", resourceId, "resource_scopes", List.of("read")));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.text("ticket");
	}

	private static Http.Response redeem(String node, String ticket) throws Exception {
		Map<String, Object> claims = new LinkedHashMap<>();
		long now = Instant.now().getEpochSecond();
		claims.put("purpose_of_use", "direct-care");
		claims.put("practitioner_role", "clinician");
		claims.put("practitioner_id", "GMC1234567");
		claims.put("iat", now);
		claims.put("exp", now + 120);
		String claimToken = Base64.getUrlEncoder().withoutPadding().encodeToString(Http.JSON.writeValueAsBytes(claims));
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "urn:ietf:params:oauth:grant-type:uma-ticket");
		form.put("ticket", ticket);
		form.put("claim_token", claimToken);
		form.put("claim_token_format", "urn:concord:claim-token:practitioner-claims");
		return Http.postForm(node + "/oauth2/token", Http.basic(GP_CLIENT, GP_SECRET), form);
	}

	private static JsonNode introspectRpt(String node, String pat) throws Exception {
		Http.Response response = Http
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node + "/oauth2/introspect"))
				.header("Authorization", "Bearer " + pat)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.form(Map.of("token", rpt))))
				.build());
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static boolean evaluate(String node, String gpToken) throws Exception {
		Map<String, Object> request = Map.of("subject",
				Map.of("type", "agency-practitioner", "id", "GMC1234567", "properties",
						Map.of("organisation", "A81001", "role", "clinician")),
				"resource",
				Map.of("type", "care-record", "id", CITIZEN_NHS, "properties",
						Map.of("category", "summary", "holder", "RR8")),
				"action", Map.of("name", "read"), "context", Map.of("purpose", "direct-care"));
		Http.Response response = Http.json("POST", node + "/access/v1/evaluation", gpToken, request);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("decision").asBoolean();
	}

	private static int directives(String node, String citizen) throws Exception {
		Http.Response response = Http.json("GET", node + "/api/me/directives", citizen, null);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<JsonNode> list = new ArrayList<>();
		response.json().get("directives").forEach(list::add);
		return list.size();
	}

	private static boolean healthy(String node) throws Exception {
		return Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node + "/actuator/health")).build())
			.status() == 200;
	}

	private static void waitForRedis() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", redis.port)) {
				return;
			}
			catch (java.io.IOException ex) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("test Redis did not start; see " + redis.log);
	}

}
