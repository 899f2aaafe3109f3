package care.concord.server.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import care.concord.server.oauth.ClientAssertionDecoderFactory;
import care.concord.server.oauth.ClientOwnerDirectory;
import care.concord.server.oauth.ClientRegistryVersion;
import care.concord.server.oauth.ConcordAuthorizationService;
import care.concord.server.oauth.ConcordJwtEncoder;
import care.concord.server.oauth.ConcordRegisteredClientRepository;
import care.concord.server.oauth.ConcordTokenCustomizer;
import care.concord.server.oauth.JdbcJtiReplayCache;
import care.concord.server.oauth.JtiReplayCache;
import care.concord.server.oauth.OAuthEndpointMethodFilter;
import care.concord.server.oauth.PersonDirectory;
import care.concord.server.oauth.PersonalSources;
import care.concord.server.oauth.PrivateKeyProtection;
import care.concord.server.oauth.RevokedTokens;
import care.concord.server.oauth.SigningKeyProperties;
import care.concord.server.oauth.SigningKeyRepository;
import care.concord.server.oauth.SigningKeyService;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.oauth.TokenStatusValidator;
import care.concord.server.oauth.VerifiedTokenCache;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Wiring of the authorization server's stores and token machinery: persisted signing
 * keys, JDBC client and authorization stores, the token customizer, the
 * {@code private_key_jwt} assertion decoder and replay cache, and the {@link JwtDecoder}
 * the API chain verifies Concord's own tokens with.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ConcordProperties.class, TokenLifetimes.class, SigningKeyProperties.class })
public class OAuthConfiguration {

	private static final Set<JWSAlgorithm> VERIFIABLE = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
			JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
			JWSAlgorithm.ES384);

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	SigningKeyRepository signingKeyRepository(JdbcOperations jdbc) {
		return new SigningKeyRepository(jdbc);
	}

	@Bean(initMethod = "initialize")
	SigningKeyService signingKeyService(SigningKeyRepository repository, PlatformTransactionManager transactionManager,
			SigningKeyProperties properties, Clock clock,
			@org.springframework.beans.factory.annotation.Value("${concord.keys.encryption-key:${CONCORD_KEY_ENCRYPTION_KEY:}}") String keyEncryptionKey) {
		// the key-encryption key is read here, not bound into SigningKeyProperties, so it
		// never appears in toString()
		return new SigningKeyService(repository, new TransactionTemplate(transactionManager), properties, clock,
				PrivateKeyProtection.of(keyEncryptionKey));
	}

	/** The published keys: JWK Set endpoint and verification. */
	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeyService keys) {
		return keys.publishedJwkSource();
	}

	/**
	 * Signs with the current key only, so the encoder never has to choose between keys.
	 */
	@Bean
	JwtEncoder jwtEncoder(SigningKeyService keys, SigningKeyProperties properties) {
		return new ConcordJwtEncoder(keys::currentSigningKey, properties.signingProvider());
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(ConcordProperties properties) {
		AuthorizationServerSettings.Builder builder = AuthorizationServerSettings.builder();
		if (StringUtils.hasText(properties.issuer())) {
			builder.issuer(properties.issuer());
		}
		return builder.build();
	}

	/**
	 * The client registry's generation on this node; profile {@code cluster} shares one
	 * through Redis.
	 */
	@Bean
	@ConditionalOnMissingBean(ClientRegistryVersion.class)
	ClientRegistryVersion.Local clientRegistryVersion() {
		return new ClientRegistryVersion.Local();
	}

	@Bean
	ConcordRegisteredClientRepository registeredClientRepository(JdbcOperations jdbc, ClientOwnerDirectory owners,
			ClientRegistryVersion version) {
		return new ConcordRegisteredClientRepository(new JdbcRegisteredClientRepository(jdbc), owners, version);
	}

	@Bean
	RevokedTokens revokedTokens(JdbcOperations jdbc, Clock clock) {
		return new RevokedTokens(jdbc, clock);
	}

	/**
	 * Stored authorizations in JDBC, except self-contained {@code client_credentials}
	 * access tokens, which are verified and rebuilt from their claims (see
	 * {@link ConcordAuthorizationService}).
	 */
	@Bean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbc,
			ConcordRegisteredClientRepository registeredClients, JWKSource<SecurityContext> jwkSource,
			ConcordProperties properties, RevokedTokens revokedTokens) {
		return new ConcordAuthorizationService(new JdbcOAuth2AuthorizationService(jdbc, registeredClients),
				signatureVerifier(jwkSource, properties), registeredClients, revokedTokens);
	}

	/**
	 * Signature, {@code exp} / {@code nbf} and (when set) {@code iss} of Concord's own
	 * JWTs; no status check.
	 */
	private static NimbusJwtDecoder signatureVerifier(JWKSource<SecurityContext> jwkSource,
			ConcordProperties properties) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(VERIFIABLE, jwkSource));
		processor.setJWTClaimsSetVerifier((claims, context) -> {
			// claims are checked by the OAuth2TokenValidators
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(StringUtils.hasText(properties.issuer())
				? JwtValidators.createDefaultWithIssuer(properties.issuer()) : JwtValidators.createDefault());
		return decoder;
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
			ConcordRegisteredClientRepository registeredClients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, registeredClients);
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(SigningKeyService keys, ClientOwnerDirectory owners,
			PersonDirectory people, TokenLifetimes lifetimes, ObjectProvider<PersonalSources> personalSources) {
		return new ConcordTokenCustomizer(keys, owners, people, lifetimes,
				personalSources.getIfAvailable(PersonalSources::none));
	}

	/** The JDBC replay cache; a clustered deployment may replace it with a Redis one. */
	@Bean
	@ConditionalOnMissingBean(JtiReplayCache.class)
	JdbcJtiReplayCache jtiReplayCache(JdbcOperations jdbc, Clock clock) {
		return new JdbcJtiReplayCache(jdbc, clock);
	}

	/**
	 * 405 with OAuth error JSON for anything but POST at the token, introspection and
	 * revocation endpoints.
	 */
	@Bean
	FilterRegistrationBean<OAuthEndpointMethodFilter> oauthEndpointMethodFilter(AuthorizationServerSettings settings) {
		FilterRegistrationBean<OAuthEndpointMethodFilter> registration = new FilterRegistrationBean<>(
				new OAuthEndpointMethodFilter(Set.of(settings.getTokenEndpoint(),
						settings.getTokenIntrospectionEndpoint(), settings.getTokenRevocationEndpoint())));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	@Bean
	ClientAssertionDecoderFactory clientAssertionDecoderFactory(JtiReplayCache replayCache, Clock clock) {
		return new ClientAssertionDecoderFactory(replayCache, clock);
	}

	/**
	 * Verifies Concord's own access tokens for the API chain: signature against the
	 * published keys, {@code exp} / {@code nbf}, {@code iss} when {@code concord.issuer}
	 * is set, and (with {@code concord.api.check-token-status}) that the token has not
	 * been revoked and its client, organisation and (for a person's token) account are
	 * still enabled.
	 */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, ConcordProperties properties,
			OAuth2AuthorizationService authorizations, ClientOwnerDirectory owners, PersonDirectory people,
			RevokedTokens revokedTokens) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(StringUtils.hasText(properties.issuer())
				? JwtValidators.createDefaultWithIssuer(properties.issuer()) : JwtValidators.createDefault());
		if (properties.api().checkTokenStatus()) {
			validators.add(new TokenStatusValidator(authorizations, owners, people, revokedTokens));
		}
		// signature verified once per token string; lifetime, issuer and status checked
		// on every request
		return new VerifiedTokenCache(signatureVerifier(jwkSource, properties),
				new DelegatingOAuth2TokenValidator<>(validators));
	}

}
