package care.concord.server.oauth;

import java.security.Principal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One contract for the foundation's SQL stores, run against every database Concord
 * supports: Spring Authorization Server's JDBC client, authorization and consent stores
 * on Concord's Flyway schema, the {@code private_key_jwt} replay cache, and the
 * constraints of the key, agency and person tables. Subclasses supply a fresh, empty
 * database.
 */
abstract class OAuthStoreContract {

	private JdbcTemplate jdbc;

	private JdbcRegisteredClientRepository clients;

	private JdbcOAuth2AuthorizationService authorizations;

	/** Creates a fresh empty database for one test. */
	protected abstract DataSource createDatabase() throws Exception;

	@BeforeEach
	void migrate() throws Exception {
		DataSource dataSource = createDatabase();
		// the foundation's migrations only: other features test theirs
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration")
			.target(lastFoundationMigration())
			.load()
			.migrate();
		this.jdbc = new JdbcTemplate(dataSource);
		this.clients = new JdbcRegisteredClientRepository(this.jdbc);
		this.authorizations = new JdbcOAuth2AuthorizationService(this.jdbc, this.clients);
	}

	@Test
	void registeredClientWhenSavedThenReadBackWithConcordSettings() {
		RegisteredClient client = client();
		this.clients.save(client);
		RegisteredClient found = this.clients.findByClientId(client.getClientId());
		assertThat(found).isNotNull();
		assertThat(found.getClientSecret()).isEqualTo(client.getClientSecret());
		assertThat(found.getRedirectUris()).containsExactly("https://portal.example.nhs.uk/callback");
		assertThat(found.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(ConcordClientSettings.jwkSet(found.getClientSettings())).isEqualTo("{\"keys\":[]}");
		assertThat(found.getClientSettings().getTokenEndpointAuthenticationSigningAlgorithm())
			.isEqualTo(SignatureAlgorithm.ES256);
		assertThat(found.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(15));
		assertThat(found.getTokenSettings().isReuseRefreshTokens()).isFalse();
		assertThat(found.getClientIdIssuedAt()).isEqualTo(client.getClientIdIssuedAt());
		assertThat(this.clients.findById(client.getId())).isNotNull();
	}

	@Test
	void authorizationWhenCustomClaimsStoredThenReadBackByEveryToken() {
		RegisteredClient client = client();
		this.clients.save(client);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		String accessValue = "access-" + UUID.randomUUID() + "x".repeat(3000);
		OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessValue, now,
				now.plus(Duration.ofMinutes(15)), Set.of("decision"));
		Map<String, Object> claims = new HashMap<>();
		claims.put("iss", "http://localhost");
		claims.put("sub", "alice");
		claims.put("org_code", "A81001");
		claims.put("org_type", "gp");
		claims.put("roles", new ArrayList<>(List.of("citizen")));
		claims.put("nhs_number", "9434765919");
		claims.put("exp", now.plus(Duration.ofMinutes(15)));
		claims.put("aud", new ArrayList<>(List.of(client.getClientId())));
		User person = new User("alice", "", List.of(new SimpleGrantedAuthority("ROLE_citizen")));
		OAuth2Authorization authorization = OAuth2Authorization.withRegisteredClient(client)
			.id(UUID.randomUUID().toString())
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("decision"))
			.attribute(Principal.class.getName(),
					UsernamePasswordAuthenticationToken.authenticated(person, null, person.getAuthorities()))
			.token(access, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims))
			.refreshToken(new OAuth2RefreshToken("refresh-" + UUID.randomUUID(), now, now.plus(Duration.ofHours(8))))
			.build();
		this.authorizations.save(authorization);

		OAuth2Authorization byAccess = this.authorizations.findByToken(accessValue, OAuth2TokenType.ACCESS_TOKEN);
		assertThat(byAccess).isNotNull();
		assertThat(byAccess.getAccessToken().getClaims()).containsEntry("org_code", "A81001")
			.containsEntry("roles", List.of("citizen"))
			.containsEntry("nhs_number", "9434765919");
		assertThat(byAccess.getAccessToken().getToken().getExpiresAt()).isEqualTo(now.plus(Duration.ofMinutes(15)));
		assertThat((Object) byAccess.getAttribute(Principal.class.getName()))
			.isInstanceOf(UsernamePasswordAuthenticationToken.class);
		String refreshValue = authorization.getRefreshToken().getToken().getTokenValue();
		assertThat(this.authorizations.findByToken(refreshValue, OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
		assertThat(this.authorizations.findByToken(refreshValue, null)).isNotNull();
		assertThat(this.authorizations.findByToken("unknown", OAuth2TokenType.ACCESS_TOKEN)).isNull();

		OAuth2Authorization revoked = OAuth2Authorization.from(byAccess)
			.token(byAccess.getAccessToken().getToken(),
					(metadata) -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true))
			.build();
		this.authorizations.save(revoked);
		assertThat(this.authorizations.findById(authorization.getId()).getAccessToken().isInvalidated()).isTrue();
		this.authorizations.remove(revoked);
		assertThat(this.authorizations.findById(authorization.getId())).isNull();
	}

	@Test
	void consentWhenSavedThenFoundAndRemoved() {
		RegisteredClient client = client();
		this.clients.save(client);
		JdbcOAuth2AuthorizationConsentService consents = new JdbcOAuth2AuthorizationConsentService(this.jdbc,
				this.clients);
		consents.save(OAuth2AuthorizationConsent.withId(client.getId(), "alice").scope("decision").build());
		assertThat(consents.findById(client.getId(), "alice").getScopes()).containsExactly("decision");
		consents.remove(consents.findById(client.getId(), "alice"));
		assertThat(consents.findById(client.getId(), "alice")).isNull();
	}

	@Test
	void jtiReplayCacheWhenReplayedThenRefusedAndExpiredRowsPurged() {
		Instant now = Instant.now();
		JdbcJtiReplayCache cache = new JdbcJtiReplayCache(this.jdbc, Clock.systemUTC());
		assertThat(cache.markUsed("client-1", "jti-1", now.plusSeconds(60))).isTrue();
		assertThat(cache.markUsed("client-1", "jti-1", now.plusSeconds(60))).isFalse();
		assertThat(cache.markUsed("client-2", "jti-1", now.plusSeconds(60))).isTrue();
		assertThat(cache.markUsed("client-1", "jti-old", now.minusSeconds(1))).isTrue();
		assertThat(cache.markUsed("client-1", "jti-old", now.plusSeconds(60))).isTrue();
		assertThat(cache.markUsed("client-1", "jti-gone", now.minusSeconds(5))).isTrue();
		assertThat(cache.purgeExpired()).isEqualTo(1);
	}

	@Test
	void signingKeyTableWhenInsertedAfterMigrationConnectionClosedThenStoredAndKeyIdUnique() {
		Timestamp now = Timestamp.from(Instant.now());
		String insert = "INSERT INTO signing_key (kid, algorithm, private_key, public_key, created_at, status) "
				+ "VALUES (?, 'RS256', 'p', 'q', ?, ?)";
		this.jdbc.update(insert, "k1", now, "active");
		this.jdbc.update(insert, "k2", now, "retired");
		assertThat(this.jdbc.queryForList("SELECT kid FROM signing_key WHERE status = 'active'", String.class))
			.containsExactly("k1");
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jdbc.update(insert, "k1", now, "active"));
	}

	@Test
	void agencyAndPersonTablesWhenConstraintsViolatedThenRefused() {
		Timestamp now = Timestamp.from(Instant.now());
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.jdbc
			.update("INSERT INTO agency_client (client_id, agency_code, registered_client_id, enabled, created_at) "
					+ "VALUES ('c', 'NOSUCH', 'r', true, ?)", now));
		String person = "INSERT INTO person (username, password_hash, nhs_number, enabled, created_at) VALUES (?, 'h', ?, true, ?)";
		this.jdbc.update(person, "officer-1", null, now);
		this.jdbc.update(person, "officer-2", null, now);
		this.jdbc.update(person, "citizen-1", "9434765919", now);
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jdbc.update(person, "citizen-2", "9434765919", now));
	}

	/**
	 * The highest migration version of the foundation's range V1-V9 present on the class
	 * path.
	 */
	private static String lastFoundationMigration() throws Exception {
		int last = 0;
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath:db/migration/V*__*.sql")) {
			String name = resource.getFilename();
			int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
			if (version < 10) {
				last = Math.max(last, version);
			}
		}
		return String.valueOf(last);
	}

	private static RegisteredClient client() {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId("client-" + UUID.randomUUID())
			.clientIdIssuedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.clientSecret(new ClientSecretDigestEncoder().encode("secret"))
			.clientName("Test")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.redirectUri("https://portal.example.nhs.uk/callback")
			.scope("decision")
			.clientSettings(ClientSettings.builder()
				.requireProofKey(true)
				.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.ES256)
				.setting(ConcordClientSettings.JWK_SET, "{\"keys\":[]}")
				.build())
			.tokenSettings(ConcordClients.tokenSettings(new TokenLifetimes(Duration.ofMinutes(15),
					Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofHours(8), Duration.ofMinutes(1)), false))
			.build();
	}

}
