package care.concord.agency;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import care.concord.agency.spring.UmaClientHttpRequestInterceptor;
import care.concord.agency.spring.UmaExchangeFilterFunction;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The RestClient interceptor and the WebClient filter against a protected server that
 * wants the RPT "rpt-1".
 */
class ClientAdaptersTests {

	static final PractitionerClaims CLAIMS = PractitionerClaims.directCare("clinician", "P-7");

	FakeConcord concord;

	HttpServer server;

	String records;

	UmaClient uma;

	@BeforeEach
	void start() throws Exception {
		this.concord = new FakeConcord();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			boolean allowed = "Bearer rpt-1".equals(exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] body = (allowed ? "records" : "").getBytes(StandardCharsets.UTF_8);
			if (!allowed) {
				exchange.getResponseHeaders()
					.set("WWW-Authenticate",
							"UMA realm=\"RR8\", as_uri=\"" + this.concord.issuer() + "\", ticket=\"tk-1\"");
			}
			exchange.sendResponseHeaders(allowed ? 200 : 401, allowed ? body.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
		this.records = "http://127.0.0.1:" + this.server.getAddress().getPort() + "/fhir/MedicationStatement";
		this.uma = new UmaClient(
				new ConcordConnection(ConcordSettings.of(this.concord.issuer(), "a81001-client", "secret")));
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
		this.concord.close();
	}

	WebClient webClient() {
		return WebClient.builder()
			.clientConnector(new JdkClientHttpConnector())
			.filter(new UmaExchangeFilterFunction(this.uma))
			.build();
	}

	RestClient restClient(java.util.function.Supplier<PractitionerClaims> claims) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.requestInterceptor(new UmaClientHttpRequestInterceptor(this.uma, claims))
			.build();
	}

	@Test
	void restClientWhenChallengedThenRetriesWithRptAndKeepsIt() {
		RestClient client = restClient(null);
		for (int i = 0; i < 2; i++) {
			assertThat(client.get()
				.uri(this.records)
				.attribute(UmaClientHttpRequestInterceptor.CLAIMS_ATTRIBUTE, CLAIMS)
				.retrieve()
				.body(String.class)).isEqualTo("records");
		}
		assertThat(this.concord.count("POST /oauth2/token")).isEqualTo(1);
		assertThat(this.concord.lastGrant).containsEntry("ticket", "tk-1");
	}

	@Test
	void restClientWhenConcordDeniesThenRequestDenied() {
		this.concord.grantStatus = 403;
		this.concord.grantAnswer = "{\"error\":\"request_denied\",\"concord_reasons\":[{\"resource_id\":\"r1\","
				+ "\"reason\":\"directive-deny\"}]}";
		RestClient client = restClient(() -> CLAIMS);
		assertThatExceptionOfType(RequestDeniedException.class)
			.isThrownBy(() -> client.get().uri(this.records).retrieve().body(String.class))
			.satisfies((ex) -> assertThat(ex.reasons()).extracting(RequestDeniedException.Reason::reason)
				.containsExactly("directive-deny"));
	}

	@Test
	void webClientWhenChallengedThenRetriesWithRptAndKeepsIt() {
		WebClient client = webClient();
		for (int i = 0; i < 2; i++) {
			assertThat(client.get()
				.uri(this.records)
				.attribute(UmaClientHttpRequestInterceptor.CLAIMS_ATTRIBUTE, CLAIMS)
				.retrieve()
				.bodyToMono(String.class)
				.block()).isEqualTo("records");
		}
		assertThat(this.concord.count("POST /oauth2/token")).isEqualTo(1);
	}

	@Test
	void webClientWhenConcordStoppedThenUnavailable() {
		this.concord.close();
		WebClient client = webClient();
		assertThatExceptionOfType(ConcordUnavailableException.class).isThrownBy(() -> client.get()
			.uri(this.records)
			.attribute(UmaClientHttpRequestInterceptor.CLAIMS_ATTRIBUTE, CLAIMS)
			.retrieve()
			.bodyToMono(String.class)
			.block());
	}

}
