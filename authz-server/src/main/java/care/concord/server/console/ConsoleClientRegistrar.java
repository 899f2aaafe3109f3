package care.concord.server.console;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import care.concord.server.config.ConcordProperties;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.people.ConsoleClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.StringUtils;

/**
 * Makes sure the admin console's public client ({@value ConsoleClient#CLIENT_ID}, see
 * {@link ConsoleClient}) exists and accepts the console's own addresses as exact redirect
 * URIs:
 * <ul>
 * <li>{@code <issuer>/console/callback} when {@code concord.issuer} is set;</li>
 * <li>{@code http://localhost:<port>/console/callback} and
 * {@code http://127.0.0.1:<port>/console/callback} for the port the server actually
 * listens on, only when no issuer is set or the issuer is itself a loopback address
 * (development, demos, the browser tests on a random port);</li>
 * <li>any {@code concord.console.redirect-uris}.</li>
 * </ul>
 * The post-logout redirect URI is the same address with {@code /console/signed-out}
 * (OpenID Connect RP-initiated logout). When the client already exists (registered by an
 * earlier start or by the demo seed) only missing URIs are added; nothing is ever
 * removed.
 */
public class ConsoleClientRegistrar implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(ConsoleClientRegistrar.class);

	private final RegisteredClientRepository clients;

	private final TokenLifetimes lifetimes;

	private final ConcordProperties concord;

	private final ConsoleProperties console;

	private final Environment environment;

	private final Clock clock;

	public ConsoleClientRegistrar(RegisteredClientRepository clients, TokenLifetimes lifetimes,
			ConcordProperties concord, ConsoleProperties console, Environment environment, Clock clock) {
		this.clients = clients;
		this.lifetimes = lifetimes;
		this.concord = concord;
		this.console = console;
		this.environment = environment;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.console.register()) {
			return;
		}
		try {
			ensureClient();
		}
		catch (DataIntegrityViolationException ex) {
			// another node registered the client at the same moment (client_id is
			// unique): complete that one
			logger.info("Console client registered concurrently by another node; checking its redirect URIs");
			ensureClient();
		}
	}

	/** Registers or completes the console client; returns it. */
	public RegisteredClient ensureClient() {
		Set<String> origins = origins();
		Set<String> redirects = new LinkedHashSet<>();
		Set<String> postLogout = new LinkedHashSet<>();
		for (String origin : origins) {
			redirects.add(origin + "/console/callback");
			postLogout.add(origin + "/console/signed-out");
		}
		redirects.addAll(this.console.redirectUris());
		RegisteredClient existing = this.clients.findByClientId(ConsoleClient.CLIENT_ID);
		RegisteredClient base = (existing != null) ? existing : ConsoleClient.registeredClient(ConsoleClient.CLIENT_ID,
				List.copyOf(redirects), this.lifetimes, this.clock.instant());
		if (existing != null && existing.getRedirectUris().containsAll(redirects)
				&& existing.getPostLogoutRedirectUris().containsAll(postLogout)) {
			return existing;
		}
		RegisteredClient client = RegisteredClient.from(base)
			.redirectUris((uris) -> uris.addAll(redirects))
			.postLogoutRedirectUris((uris) -> uris.addAll(postLogout))
			.build();
		this.clients.save(client);
		logger.info(((existing != null) ? "Updated" : "Registered") + " console client '" + ConsoleClient.CLIENT_ID
				+ "' with redirect URIs " + client.getRedirectUris());
		return client;
	}

	private Set<String> origins() {
		Set<String> origins = new LinkedHashSet<>();
		String issuer = this.concord.issuer();
		if (StringUtils.hasText(issuer)) {
			origins.add(trimSlash(issuer));
		}
		String port = this.environment.getProperty("local.server.port");
		if (port != null && (!StringUtils.hasText(issuer) || isLoopback(issuer))) {
			origins.add("http://localhost:" + port);
			origins.add("http://127.0.0.1:" + port);
		}
		return origins;
	}

	private static boolean isLoopback(String issuer) {
		try {
			String host = URI.create(issuer).getHost();
			return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String trimSlash(String uri) {
		return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
	}

}
