package care.concord.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import care.concord.server.config.ConcordProperties;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.people.ConsoleClient;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleClientRegistrarTests {

	private static final TokenLifetimes LIFETIMES = new TokenLifetimes(Duration.ofMinutes(15), Duration.ofMinutes(15),
			Duration.ofMinutes(10), Duration.ofHours(8), Duration.ofMinutes(1));

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);

	@Test
	void ensureClientWhenLoopbackIssuerThenPublicPkceClientWithTheServersPort() {
		RegisteredClientRepository clients = emptyRepository();
		RegisteredClient client = registrar(clients, "http://localhost", "45123", List.of()).ensureClient();
		assertThat(client.getClientId()).isEqualTo(ConsoleClient.CLIENT_ID);
		assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
		assertThat(client.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(client.getRedirectUris()).containsExactlyInAnyOrder("http://localhost/console/callback",
				"http://localhost:45123/console/callback", "http://127.0.0.1:45123/console/callback");
		assertThat(client.getPostLogoutRedirectUris()).contains("http://localhost:45123/console/signed-out");
		assertThat(clients.findByClientId(ConsoleClient.CLIENT_ID)).isNotNull();
	}

	@Test
	void ensureClientWhenPublicIssuerThenNoLoopbackUris() {
		RegisteredClient client = registrar(emptyRepository(), "https://concord.example.nhs.uk/", "8080",
				List.of("https://console.example.nhs.uk/console/callback"))
			.ensureClient();
		assertThat(client.getRedirectUris()).containsExactlyInAnyOrder(
				"https://concord.example.nhs.uk/console/callback", "https://console.example.nhs.uk/console/callback");
	}

	@Test
	void ensureClientWhenClientExistsThenMissingUrisAddedAndNoneRemoved() {
		RegisteredClientRepository clients = emptyRepository();
		ConsoleClient.registerIfAbsent(clients, ConsoleClient.CLIENT_ID,
				List.of("http://localhost:8080/console/callback"), LIFETIMES, CLOCK.instant());
		String id = clients.findByClientId(ConsoleClient.CLIENT_ID).getId();
		RegisteredClient client = registrar(clients, null, "9000", List.of()).ensureClient();
		assertThat(client.getId()).isEqualTo(id);
		assertThat(client.getRedirectUris()).containsExactlyInAnyOrder("http://localhost:8080/console/callback",
				"http://localhost:9000/console/callback", "http://127.0.0.1:9000/console/callback");
	}

	private static RegisteredClientRepository emptyRepository() {
		// InMemoryRegisteredClientRepository needs one client to start with
		RegisteredClient other = ConsoleClient.registeredClient("other-console", List.of("http://127.0.0.1/cb"),
				LIFETIMES, CLOCK.instant());
		return new InMemoryRegisteredClientRepository(other);
	}

	private static ConsoleClientRegistrar registrar(RegisteredClientRepository clients, String issuer, String port,
			List<String> extra) {
		ConcordProperties concord = new ConcordProperties(issuer, null, null, null, null, null);
		MockEnvironment environment = new MockEnvironment().withProperty("local.server.port", port);
		return new ConsoleClientRegistrar(clients, LIFETIMES, concord, new ConsoleProperties(true, extra), environment,
				CLOCK);
	}

}
