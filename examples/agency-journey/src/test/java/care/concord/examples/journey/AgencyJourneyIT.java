package care.concord.examples.journey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's journey with three real processes from their packaged jars, on free loopback
 * ports: Concord (demo profile, an H2 database of the test's own), the hospital RR8's
 * FHIR server and the GP A81001's app, both using the agency kit.
 * <ol>
 * <li>the GP app reads Alice's summary from the hospital: permitted (care relationship,
 * implied consent); the mental-health diagnosis, which Alice's directive excludes, is not
 * in the search result;</li>
 * <li>Alice denies the GP practice: its next read is refused with Concord's reason
 * ({@code directive-deny}) within 1 s of her change (the lag is printed);</li>
 * <li>the GP breaks glass with a reason: permitted, and the access is in the IG officer's
 * review queue;</li>
 * <li>Concord stops: the FHIR server answers 503 and the app discloses nothing (fail
 * closed).</li>
 * </ol>
 * Runs in {@code mvn verify} (failsafe) once the three jars are packaged (the module
 * depends on them for the build order).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AgencyJourneyIT {

	static final String ALICE = "9434765919";

	static final Map<String, String> GP_CLINICIAN = Map.of("X-Practitioner-Id", "GMC-7", "X-Practitioner-Role",
			"clinician");

	static final Path WORK = Path.of("target", "journey");

	static JarProcess concord;

	static JarProcess hospital;

	static JarProcess gpApp;

	static String issuer;

	@BeforeAll
	static void startThreeProcesses() throws Exception {
		Path root = Path.of("..", "..").toAbsolutePath().normalize();
		Path concordJar = root.resolve("authz-server/target/concord-server.jar");
		Path fhirJar = root.resolve("examples/agency-fhir-server/target/agency-fhir-server.jar");
		Path appJar = root.resolve("examples/agency-app/target/agency-app.jar");
		for (Path jar : List.of(concordJar, fhirJar, appJar)) {
			assertThat(jar).as("packaged jar (run in mvn verify)").isRegularFile();
		}
		Path work = WORK.resolve(Long.toString(System.currentTimeMillis())).toAbsolutePath();
		Files.createDirectories(work);
		concord = new JarProcess("concord", concordJar, work);
		hospital = new JarProcess("hospital-fhir", fhirJar, work);
		gpApp = new JarProcess("gp-app", appJar, work);
		issuer = concord.url();
		concord.arguments(List.of("--spring.profiles.active=demo", "--concord.issuer=" + issuer,
				"--concord.console.redirect-uris=" + issuer + "/console/callback",
				"--spring.datasource.url=jdbc:h2:file:" + work.resolve("concord")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
				"--logging.level.root=WARN"));
		hospital.arguments(List.of("--concord.agency.issuer=" + issuer, "--logging.level.root=WARN"));
		gpApp.arguments(List.of("--concord.agency.issuer=" + issuer,
				"--agency.app.hospital-fhir-url=" + hospital.url() + "/fhir", "--logging.level.root=WARN"));
		concord.start();
		hospital.start();
		gpApp.start();
		concord.awaitReady(Web.HTTP, "/actuator/health/readiness", Duration.ofMinutes(5));
		hospital.awaitReady(Web.HTTP, "/fhir/metadata", Duration.ofMinutes(5));
		gpApp.awaitReady(Web.HTTP, "/", Duration.ofMinutes(5));
	}

	@AfterAll
	static void stopThem() throws Exception {
		for (JarProcess process : new JarProcess[] { gpApp, hospital, concord }) {
			if (process != null) {
				process.stop();
			}
		}
	}

	@Test
	@Order(1)
	void gpReadsAlicesSummaryWithoutTheExcludedMentalHealthRecord() throws Exception {
		// the hospital's server, called without an RPT, answers with the UMA challenge
		Web.Answer bare = Web.get(hospital.url() + "/fhir/MedicationStatement?patient=rr8-1001", null, Map.of());
		assertThat(bare.status()).isEqualTo(401);
		assertThat(bare.header("WWW-Authenticate")).startsWith("UMA realm=\"RR8\", as_uri=\"" + issuer + "\", ticket=");
		// Alice's directive: no mental-health data to anyone; the GP practice treats her
		// (care relationship)
		String alice = Web.login(issuer, "alice", "concord-demo-alice");
		Web.Answer directive = Web.postJson(issuer + "/api/me/directives", alice,
				Map.of("effect", "deny", "categories", List.of("mental-health")));
		assertThat(directive.status()).as(directive.body()).isIn(200, 201);
		String gp = Web.clientToken(issuer, "a81001-client", "demo-secret-a81001", "decision");
		assertThat(Web.postJson(issuer + "/api/relationships", gp, Map.of("subject", ALICE)).status()).isIn(200, 201);

		Web.Answer summary = summary(GP_CLINICIAN);
		assertThat(summary.status()).as(summary.body()).isEqualTo(200);
		assertThat(summary.body()).contains("Amlodipine 5 mg tablets", "Hypertension")
			.doesNotContain("Depressive disorder");
		// the same search again, with the RPT the kit cached: still without it
		assertThat(summary(GP_CLINICIAN).body()).contains("Hypertension").doesNotContain("Depressive disorder");
	}

	@Test
	@Order(2)
	void aliceDeniesTheGpAndTheNextReadIsRefusedWithConcordsReasonWithinOneSecond() throws Exception {
		String alice = Web.login(issuer, "alice", "concord-demo-alice");
		Web.Answer change = Web.postJson(issuer + "/api/me/directives", alice,
				Map.of("effect", "deny", "organisations", List.of("A81001")));
		Instant acknowledged = Instant.now();
		assertThat(change.status()).as(change.body()).isIn(200, 201);
		Web.Answer refused = null;
		Duration lag = null;
		while (lag == null || lag.compareTo(Duration.ofSeconds(3)) < 0) {
			Web.Answer read = summary(GP_CLINICIAN);
			lag = Duration.between(acknowledged, Instant.now());
			if (read.status() == 403) {
				refused = read;
				break;
			}
			assertThat(read.status()).as(read.body()).isEqualTo(200);
		}
		System.out.println("agency journey: deny directive enforced on the GP's read after " + lag.toMillis() + " ms");
		assertThat(refused).as("a read refused within 3 s").isNotNull();
		assertThat(lag).isLessThanOrEqualTo(Duration.ofSeconds(1));
		JsonNode problem = refused.json();
		assertThat(problem.path("reasons").findValuesAsString("reason")).contains("directive-deny");
		assertThat(refused.body()).doesNotContain("Amlodipine");
	}

	@Test
	@Order(3)
	void breakGlassIsPermittedAndQueuedForTheIgOfficer() throws Exception {
		Map<String, String> breakingGlass = new HashMap<>(GP_CLINICIAN);
		breakingGlass.put("X-Break-Glass-Reason", "unconscious in the surgery, allergy status unknown");
		Web.Answer summary = summary(breakingGlass);
		assertThat(summary.status()).as(summary.body()).isEqualTo(200);
		assertThat(summary.body()).contains("Amlodipine 5 mg tablets");

		String iris = Web.login(issuer, "iris", "concord-demo-iris");
		Web.Answer queue = Web.get(issuer + "/api/ig/break-glass?status=unreviewed", iris, Map.of());
		assertThat(queue.status()).as(queue.body()).isEqualTo(200);
		List<JsonNode> entries = new ArrayList<>();
		queue.json().path("entries").forEach(entries::add);
		assertThat(entries).anySatisfy((entry) -> {
			assertThat(entry.path("agency").asString()).isEqualTo("A81001");
			assertThat(entry.path("nhs_number").asString()).isEqualTo(ALICE);
			assertThat(entry.path("holder").asString()).isEqualTo("RR8");
			assertThat(entry.path("category").asString()).isEqualTo("medications");
			assertThat(entry.path("break_glass_reason").asString()).startsWith("unconscious in the surgery");
		});
		// without breaking glass the directive still refuses
		assertThat(summary(GP_CLINICIAN).status()).isEqualTo(403);
	}

	@Test
	@Order(4)
	void withConcordStoppedNothingIsDisclosed() throws Exception {
		concord.stop();
		Thread.sleep(1100); // longer than any cached introspection
		Map<String, String> breakingGlass = new HashMap<>(GP_CLINICIAN);
		breakingGlass.put("X-Break-Glass-Reason", "unconscious in the surgery, allergy status unknown");
		// the app holds a cached break-glass RPT: the hospital cannot introspect it and
		// refuses
		Web.Answer withRpt = summary(breakingGlass);
		assertThat(withRpt.status()).as(withRpt.body()).isEqualTo(503);
		assertThat(withRpt.body()).doesNotContain("Amlodipine", "Alice");
		// without an RPT: the hospital cannot get a ticket
		Web.Answer bare = Web.get(hospital.url() + "/fhir/MedicationStatement?patient=rr8-1001", null, Map.of());
		assertThat(bare.status()).isEqualTo(503);
		assertThat(bare.body()).contains("OperationOutcome").doesNotContain("Amlodipine");
		assertThat(summary(GP_CLINICIAN).status()).isEqualTo(503);
	}

	static Web.Answer summary(Map<String, String> practitioner) throws Exception {
		return Web.get(gpApp.url() + "/patients/" + ALICE + "/summary", null, practitioner);
	}

}
