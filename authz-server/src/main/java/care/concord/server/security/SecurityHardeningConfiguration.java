package care.concord.server.security;

import java.net.URI;
import java.time.Clock;
import java.util.Set;

import care.concord.server.audit.AdminActions;
import care.concord.server.audit.AuditLog;
import care.concord.server.cluster.RateLimiter;
import care.concord.server.oauth.AuthorizationServerCustomizer;
import care.concord.server.config.ConcordProperties;
import care.concord.server.oauth.AuthorizationResponseFilter;
import care.concord.server.oauth.OtherClientsTokenRevocation;
import care.concord.server.oauth.SingleUseAuthorizationCodes;
import care.concord.server.web.RequestShapeFilter;
import care.concord.server.web.SecurityHeadersFilter;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Defences of issue #12 that plug into the authorization server and the filter chains
 * without editing them (docs/security.md lists what each one covers).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BruteForceProperties.class)
public class SecurityHardeningConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityHardeningConfiguration.class);

	/** RFC 9207 section 3 metadata parameter. */
	public static final String ISS_PARAMETER_SUPPORTED = "authorization_response_iss_parameter_supported";

	static final String LOGIN_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

	/**
	 * Warns at start while the issuer is a loopback address: the default when
	 * {@code CONCORD_ISSUER} is not set (application.yml), never one derived from a
	 * request's {@code Host} header.
	 */
	@Bean
	SmartInitializingSingleton issuerWarning(ConcordProperties concord) {
		return () -> {
			if (!StringUtils.hasText(concord.issuer())) {
				throw new IllegalStateException("concord.issuer must be set (CONCORD_ISSUER)");
			}
			String host = URI.create(concord.issuer()).getHost();
			if (host == null || "localhost".equals(host) || host.startsWith("127.") || "[::1]".equals(host)) {
				logger.warn("concord.issuer is " + concord.issuer()
						+ ": tokens and metadata name this issuer; set CONCORD_ISSUER to the public https URL in production");
			}
		};
	}

	/**
	 * Strict JSON on every API body Spring MVC reads: unknown members, keys given twice
	 * and numbers or strings where a boolean (or strings where a number) belongs are
	 * refused, answered by a problem naming the member.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return (builder) -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Boolean,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.String, CoercionAction.Fail));
	}

	/**
	 * Wildcard media types (415), direct {@code /error} (404), doubled client credentials
	 * (400).
	 */
	@Bean
	FilterRegistrationBean<RequestShapeFilter> requestShapeFilter() {
		FilterRegistrationBean<RequestShapeFilter> registration = new FilterRegistrationBean<>(
				new RequestShapeFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * Revocation of another client's token answers 200 and leaves it alone (RFC 7009);
	 * the {@code iss} flag (RFC 9207) is carried by {@code uma.UmaConfiguration}'s
	 * metadata customizer and {@code oauth.OAuthStandardsConfiguration}'s OpenID one.
	 */
	@Bean
	AuthorizationServerCustomizer revocationAndIssuerMetadata() {
		return (server) -> server
			.tokenRevocationEndpoint((revocation) -> revocation.authenticationProviders((providers) -> providers
				.replaceAll((provider) -> (provider instanceof OAuth2TokenRevocationAuthenticationProvider)
						? new OtherClientsTokenRevocation(provider) : provider)));
		// iss in the OIDC discovery document is set by oauth.OAuthStandardsConfiguration:
		// the
		// endpoint keeps one provider configuration customizer
	}

	/**
	 * RFC 9207 {@code iss} on authorization responses; {@code prompt=none} without a
	 * session answers the client.
	 */
	@Bean
	FilterRegistrationBean<AuthorizationResponseFilter> authorizationResponseFilter(ConcordProperties concord,
			AuthorizationServerSettings settings, RegisteredClientRepository clients) {
		FilterRegistrationBean<AuthorizationResponseFilter> registration = new FilterRegistrationBean<>(
				new AuthorizationResponseFilter(settings.getAuthorizationEndpoint(), concord.issuer(), clients));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

	/**
	 * Content-Security-Policy and Referrer-Policy of the sign-in page: no script at all,
	 * styles from Concord (and the page's own), no framing. No {@code form-action}: after
	 * signing in, the browser follows redirects to the client's registered redirect URI,
	 * which browsers check against it.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> loginPageSecurityHeaders() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter(LOGIN_CONTENT_SECURITY_POLICY));
		registration.addUrlPatterns("/login");
		registration.setName("loginPageSecurityHeaders");
		return registration;
	}

	@Bean
	LoginThrottle loginThrottle(JdbcOperations jdbc, PlatformTransactionManager transactionManager, RateLimiter limiter,
			BruteForceProperties properties, Clock clock) {
		return new LoginThrottle(jdbc, new TransactionTemplate(transactionManager), limiter, properties, clock);
	}

	@Bean
	AuthenticationEvents authenticationEvents(AuditLog auditLog, LoginThrottle logins, RateLimiter limiter,
			BruteForceProperties properties) {
		return new AuthenticationEvents(auditLog, logins, limiter, properties);
	}

	/**
	 * Failure events for every authentication, client authentication included (Spring
	 * Security's default publisher maps only its own exception types, so OAuth2 client
	 * authentication failures published nothing).
	 */
	@Bean
	DefaultAuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
		DefaultAuthenticationEventPublisher events = new DefaultAuthenticationEventPublisher(publisher);
		events.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
		return events;
	}

	/** Sign-in refused while the account or source must wait (brute-force defence). */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> loginThrottleFilter(LoginThrottle throttle,
			BruteForceProperties properties) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new LoginThrottleFilter(throttle));
		registration.setEnabled(properties.enabled());
		registration.addUrlPatterns("/login");
		registration.setName("loginThrottleFilter");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
		return registration;
	}

	/** 429 for a client_id after repeated failed client authentications. */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> clientAuthenticationThrottleFilter(RateLimiter limiter,
			BruteForceProperties properties, AuthorizationServerSettings settings) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new ClientAuthenticationThrottleFilter(limiter, properties, Set.of(settings.getTokenEndpoint(),
						settings.getTokenIntrospectionEndpoint(), settings.getTokenRevocationEndpoint())));
		registration.setEnabled(properties.enabled());
		registration.setName("clientAuthenticationThrottleFilter");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
		return registration;
	}

	/**
	 * Administrator actions audited as {@code ADMIN_ACTION}, in one transaction with the
	 * change.
	 */
	@Bean
	AdminActions adminActions(AuditLog auditLog, PlatformTransactionManager transactionManager) {
		return new AdminActions(auditLog, new TransactionTemplate(transactionManager));
	}

	/**
	 * Authorization codes redeemed at most once, across nodes; a replay revokes the
	 * code's tokens.
	 */
	@Bean
	AuthorizationServerCustomizer singleUseAuthorizationCodes(OAuth2AuthorizationService authorizations,
			JdbcOperations jdbc, PlatformTransactionManager transactionManager) {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		return (server) -> server.tokenEndpoint((token) -> token.authenticationProviders((providers) -> providers
			.replaceAll((provider) -> (provider instanceof OAuth2AuthorizationCodeAuthenticationProvider)
					? new SingleUseAuthorizationCodes(provider, authorizations, jdbc, transactions) : provider)));
	}

}
