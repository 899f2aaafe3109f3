package care.concord.policy.opa;

import static care.concord.policy.TestFixtures.citizen;
import static care.concord.policy.TestFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import care.concord.policy.decision.ConsentDecisionEngine;
import care.concord.policy.decision.Decision;
import care.concord.policy.decision.Effect;
import care.concord.policy.decision.Reason;

/**
 * Runs the OPA client against a local HTTP server answering as OPA's Data API would. A
 * real OPA binary is not available in the build environment.
 */
class OpaOrganisationPolicyTests {

	private HttpServer server;

	private final List<String> paths = new CopyOnWriteArrayList<>();

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private volatile String answer = "{\"result\": {\"allow\": true, \"reasons\": []}}";

	private volatile long delayMillis;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "fake-opa");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
		this.bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		if (this.delayMillis > 0) {
			try {
				Thread.sleep(this.delayMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		byte[] body = this.answer.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(this.status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/");
	}

	private ConsentDecisionEngine engine(Duration timeout) {
		return new ConsentDecisionEngine(new OpaOrganisationPolicy(baseUrl(), "concord.organisation", timeout));
	}

	private Decision decideGenomicForPharmacy(ConsentDecisionEngine engine) {
		var permit = care.concord.policy.TestFixtures.directive("d1", "permit")
			.orgTypes(care.concord.policy.request.OrgType.PHARMACY)
			.build();
		return engine.decide(citizen(permit),
				request().requester("FA123", "pharmacy", "pharmacist").category("genomic").build());
	}

	@Test
	void evaluateWhenOpaAllowsThenPermitKeptAndInputPostedToDataApi() {
		Decision decision = decideGenomicForPharmacy(engine(Duration.ofSeconds(2)));

		assertThat(decision.reason()).isEqualTo(Reason.DIRECTIVE_PERMIT);
		assertThat(this.paths).containsExactly("POST /v1/data/concord/organisation");
		assertThat(this.bodies.get(0)).startsWith("{\"input\":{\"request\":{\"requester\":{\"organisation\":\"FA123\"")
			.contains("\"org_type\":\"pharmacy\"", "\"category\":\"genomic\"", "\"purpose\":\"direct-care\"",
					"\"purpose_of_use\":\"TREAT\"", "\"reason\":\"directive-permit\"", "\"directive\":\"d1\"")
			.doesNotContain("9434765919");
	}

	@Test
	void evaluateWhenOpaDeniesThenOrganisationPolicyDenyWithOpaReasonsInExplanation() {
		this.answer = "{\"result\": {\"allow\": false, \"reasons\": [\"pharmacies may not see genomic data\"]}}";

		Decision decision = decideGenomicForPharmacy(engine(Duration.ofSeconds(2)));

		assertThat(decision.effect()).isEqualTo(Effect.DENY);
		assertThat(decision.reason()).isEqualTo(Reason.ORGANISATION_POLICY);
		assertThat(decision.organisationPolicyReasons()).containsExactly("pharmacies may not see genomic data");
		assertThat(decision.narrowedPermit().decidingDirectiveId()).isEqualTo("d1");
		assertThat(decision.explanation()).endsWith(": pharmacies may not see genomic data.");
	}

	@Test
	void evaluateWhenOpaDeniesWithoutReasonsThenGenericReason() {
		this.answer = "{\"result\": {\"allow\": false}}";

		Decision decision = decideGenomicForPharmacy(engine(Duration.ofSeconds(2)));

		assertThat(decision.organisationPolicyReasons())
			.containsExactly("the organisation policy does not allow this access");
	}

	@Test
	void evaluateWhenOpaAnswers500ThenDeny() {
		this.status = 500;
		this.answer = "{\"code\": \"internal_error\"}";

		Decision decision = decideGenomicForPharmacy(engine(Duration.ofSeconds(2)));

		assertThat(decision.reason()).isEqualTo(Reason.ORGANISATION_POLICY);
		assertThat(decision.organisationPolicyReasons())
			.containsExactly("the organisation policy service answered HTTP 500");
	}

	@Test
	void evaluateWhenBodyMalformedThenDeny() {
		this.answer = "{\"result\": {\"allow\": tru";

		Decision decision = decideGenomicForPharmacy(engine(Duration.ofSeconds(2)));

		assertThat(decision.reason()).isEqualTo(Reason.ORGANISATION_POLICY);
		assertThat(decision.organisationPolicyReasons().get(0)).contains("unusable answer: answer is not JSON");
	}

	@Test
	void evaluateWhenResultMissingOrAllowNotBooleanThenDeny() {
		this.answer = "{}";
		assertThat(decideGenomicForPharmacy(engine(Duration.ofSeconds(2))).organisationPolicyReasons().get(0))
			.contains("no result");

		this.answer = "{\"result\": {\"allow\": \"true\"}}";
		assertThat(decideGenomicForPharmacy(engine(Duration.ofSeconds(2))).reason())
			.isEqualTo(Reason.ORGANISATION_POLICY);
	}

	@Test
	void evaluateWhenOpaSlowerThanTimeoutThenDenyWithinAboutTheTimeout() {
		this.delayMillis = 2_000;
		long started = System.nanoTime();

		Decision decision = decideGenomicForPharmacy(engine(Duration.ofMillis(150)));

		long tookMillis = (System.nanoTime() - started) / 1_000_000;
		assertThat(decision.reason()).isEqualTo(Reason.ORGANISATION_POLICY);
		assertThat(decision.organisationPolicyReasons())
			.containsExactly("the organisation policy service did not answer within 150 ms");
		assertThat(tookMillis).isLessThan(1_500);
	}

	@Test
	void evaluateWhenOpaUnreachableThenDeny() {
		URI closed = baseUrl();
		this.server.stop(0);
		ConsentDecisionEngine engine = new ConsentDecisionEngine(
				new OpaOrganisationPolicy(closed, "concord/organisation", Duration.ofSeconds(1)));

		Decision decision = decideGenomicForPharmacy(engine);

		assertThat(decision.reason()).isEqualTo(Reason.ORGANISATION_POLICY);
		assertThat(decision.organisationPolicyReasons().get(0)).startsWith("the organisation policy service");
	}

	@Test
	void decideWhenCoreDeniesThenOpaNeverAsked() {
		Decision decision = engine(Duration.ofSeconds(2)).decide(citizen(), request().relationship(false).build());

		assertThat(decision.reason()).isEqualTo(Reason.NO_LEGITIMATE_RELATIONSHIP);
		assertThat(this.paths).isEmpty();
	}

	@Test
	void constructorWhenPackagePathOrTimeoutInvalidThenThrows() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OpaOrganisationPolicy(baseUrl(), "concord/../admin", Duration.ofMillis(200)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OpaOrganisationPolicy(baseUrl(), "concord.organisation", Duration.ZERO));
		assertThat(new OpaOrganisationPolicy(URI.create("http://opa:8181"), "concord.organisation").endpoint())
			.hasToString("http://opa:8181/v1/data/concord/organisation");
		assertThat(new OpaOrganisationPolicy(URI.create("http://opa:8181"), "x").timeout())
			.isEqualTo(Duration.ofMillis(200));
	}

}
