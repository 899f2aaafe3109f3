package care.concord.server.decision;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import care.concord.policy.request.OrgType;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestFixturesConfiguration;
import care.concord.server.TestNhsNumbers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code concord.policy.opa.url} turns on the organisation policy: the server, asked
 * through the AuthZEN API, puts each permit to an OPA-shaped Data API started by the test
 * (the JDK's HTTP server answering {@code POST /v1/data/concord/organisation} as OPA
 * does) and fails closed when OPA denies, errs or is late.
 *
 * <p>
 * Its own application context (the OPA URL is a property of the context), unlike
 * {@code @ConcordIntegrationTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
		properties = { "spring.datasource.url=jdbc:h2:mem:concord-opa;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "concord.policy.opa.timeout=2s" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(TestFixturesConfiguration.class)
class OpaOrganisationPolicyServerTests {

	private static final ExecutorService OPA_THREADS = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "fake-opa");
		thread.setDaemon(true);
		return thread;
	});

	private static final HttpServer OPA = startOpa();

	private static final List<String> requests = new CopyOnWriteArrayList<>();

	private static volatile int status = 200;

	private static volatile String answer;

	private static volatile long delayMillis;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	TestAgency gp;

	String citizen;

	@DynamicPropertySource
	static void opaUrl(DynamicPropertyRegistry registry) {
		registry.add("concord.policy.opa.url", () -> "http://127.0.0.1:" + OPA.getAddress().getPort());
	}

	private static HttpServer startOpa() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/v1/data/concord/organisation", OpaOrganisationPolicyServerTests::answer);
			server.setExecutor(OPA_THREADS);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(HttpExchange exchange) throws IOException {
		requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
				+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		if (delayMillis > 0) {
			try {
				Thread.sleep(delayMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		byte[] body = answer.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@AfterAll
	static void stopOpa() {
		OPA.stop(0);
		OPA_THREADS.shutdownNow();
	}

	@BeforeEach
	void permittedRequest() throws Exception {
		status = 200;
		delayMillis = 0;
		answer = "{\"result\": {\"allow\": true, \"reasons\": []}}";
		requests.clear();
		this.gp = this.agencies.register(OrgType.GP, "decision");
		this.citizen = TestNhsNumbers.next();
		this.mvc
			.perform(post("/api/relationships").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.gp.accessToken())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\":\"" + this.citizen + "\"}"))
			.andExpect(status().isCreated());
	}

	ResultActions evaluate() throws Exception {
		String body = "{\"subject\":{\"type\":\"agency-practitioner\",\"id\":\"P-42\",\"properties\":{"
				+ "\"organisation\":\"" + this.gp.code() + "\",\"org_type\":\"gp\",\"role\":\"clinician\"}},"
				+ "\"resource\":{\"type\":\"care-record\",\"id\":\"" + this.citizen
				+ "\",\"properties\":{\"category\":\"medications\",\"holder\":\"RR8\"}},"
				+ "\"action\":{\"name\":\"read\"},\"context\":{\"purpose\":\"direct-care\"}}";
		return this.mvc
			.perform(post("/access/v1/evaluation").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.gp.accessToken())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isOk());
	}

	@Test
	void evaluationWhenOpaAllowsThenPermitAndOpaSawTheRequest() throws Exception {
		evaluate().andExpect(jsonPath("$.decision").value(true))
			.andExpect(jsonPath("$.context.reason").value("implied-consent"));
		assertThat(requests).singleElement()
			.satisfies((request) -> assertThat(request).startsWith("POST /v1/data/concord/organisation {\"input\":")
				.contains("\"organisation\":\"" + this.gp.code() + "\"")
				.contains("\"category\":\"medications\"")
				.contains("\"purpose\":\"direct-care\""));
	}

	@Test
	void evaluationWhenOpaDeniesThenDenyWithItsReason() throws Exception {
		answer = "{\"result\": {\"allow\": false, \"reasons\": [\"locum GPs may not read medications at night\"]}}";
		evaluate().andExpect(jsonPath("$.decision").value(false))
			.andExpect(jsonPath("$.context.reason").value("organisation-policy"))
			.andExpect(jsonPath("$.context.explanation", containsString("locum GPs may not read medications")));
	}

	@Test
	void evaluationWhenOpaFailsThenDenyFailClosed() throws Exception {
		status = 500;
		answer = "{\"code\": \"internal_error\"}";
		evaluate().andExpect(jsonPath("$.decision").value(false))
			.andExpect(jsonPath("$.context.reason").value("organisation-policy"));
	}

	@Test
	void evaluationWhenOpaAnswersLateThenDenyFailClosed() throws Exception {
		delayMillis = 4000;
		evaluate().andExpect(jsonPath("$.decision").value(false))
			.andExpect(jsonPath("$.context.reason").value("organisation-policy"));
	}

	@Test
	void evaluationWhenOpaAnswersWithoutResultThenDenyFailClosed() throws Exception {
		answer = "{}";
		evaluate().andExpect(jsonPath("$.decision").value(false))
			.andExpect(jsonPath("$.context.reason").value("organisation-policy"));
	}

}
