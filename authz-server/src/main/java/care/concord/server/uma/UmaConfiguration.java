package care.concord.server.uma;

import java.time.Clock;
import java.util.Locale;

import care.concord.server.audit.AuditLog;
import care.concord.server.config.ApiAuthorizationRules;
import care.concord.server.oauth.AuthorizationServerCustomizer;
import care.concord.server.decision.ConsentDecisionService;
import care.concord.server.oauth.ClientOwnerDirectory;
import care.concord.server.security.SecurityHardeningConfiguration;
import care.concord.server.oauth.OAuthDiscovery;
import care.concord.server.web.PublicDocuments;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of UMA 2.0 in Concord: the protection API's stores, the UMA grant on the token
 * endpoint with its error handler, RPT introspection, the authorization rules of
 * {@code /uma/**}, and public UMA discovery.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UmaProperties.class)
public class UmaConfiguration {

	@Bean
	ResourceSetRepository resourceSetRepository(JdbcOperations jdbc) {
		return new ResourceSetRepository(jdbc);
	}

	/**
	 * The ticket store when no other is configured (the {@code cluster} profile supplies
	 * Redis): in memory when this process is the only node by construction (embedded H2),
	 * in the shared database otherwise ({@code concord.uma.ticket-store}).
	 */
	@Bean
	@ConditionalOnMissingBean(PermissionTicketStore.class)
	PermissionTicketStore permissionTicketStore(UmaProperties properties, JdbcOperations jdbc,
			PlatformTransactionManager transactionManager, Clock clock,
			@Value("${spring.datasource.url:}") String datasourceUrl) {
		boolean memory = switch (properties.ticketStore()) {
			case "memory" -> true;
			case "database" -> false;
			default -> isEmbeddedH2(datasourceUrl);
		};
		if (memory) {
			return new InMemoryPermissionTicketStore(clock, properties.ticketCapacity());
		}
		return new JdbcPermissionTicketStore(jdbc, new TransactionTemplate(transactionManager), clock);
	}

	/**
	 * An H2 database opened in this process (a file or memory URL, not a TCP server and
	 * not H2's automatic mixed mode), which no other node can share.
	 */
	static boolean isEmbeddedH2(String url) {
		if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
			return false;
		}
		String rest = url.substring(8).toLowerCase(Locale.ROOT);
		return !rest.startsWith("tcp:") && !rest.startsWith("ssl:") && !rest.contains("auto_server=true");
	}

	@Bean
	UmaAudit umaAudit(AuditLog auditLog) {
		return new UmaAudit(auditLog);
	}

	@Bean
	ClaimTokenVerifier claimTokenVerifier(UmaProperties properties, Clock clock,
			ObjectProvider<PractitionerIdTokens> idTokens) {
		ClaimTokenVerifier verifier = new ClaimTokenVerifier(properties.claimTokenMaxAge(), clock);
		idTokens.ifAvailable(verifier::setPractitionerIdTokens);
		return verifier;
	}

	/**
	 * The UMA grant on the token endpoint, its error handler (403 {@code need_info} /
	 * {@code request_denied}), RPT introspection authorised by the PAT (a client
	 * authentication method of the introspection endpoint only), and the UMA grant type
	 * in the RFC 8414 metadata.
	 */
	@Bean
	AuthorizationServerCustomizer umaAuthorizationServerCustomizer(PermissionTicketStore tickets,
			ResourceSetRepository resources, ClaimTokenVerifier claimTokens, ConsentDecisionService decisions,
			ClientOwnerDirectory owners, OAuth2AuthorizationService authorizations, JwtEncoder jwtEncoder,
			OAuth2TokenCustomizer<JwtEncodingContext> concordTokenCustomizer, AuditLog auditLog,
			UmaProperties properties, Clock clock, JwtDecoder jwtDecoder, RegisteredClientRepository clients,
			AuthorizationServerSettings serverSettings, MeterRegistry meters) {
		UmaRptTokenCustomizer rptCustomizer = new UmaRptTokenCustomizer(properties.rptTtl());
		JwtGenerator rptGenerator = new JwtGenerator(jwtEncoder);
		rptGenerator.setClock(clock);
		// Concord's customizer first (client, organisation, key id, default lifetime),
		// then the RPT's claims.
		rptGenerator.setJwtCustomizer((context) -> {
			concordTokenCustomizer.customize(context);
			rptCustomizer.customize(context);
		});
		UmaTicketGrantAuthenticationProvider grant = new UmaTicketGrantAuthenticationProvider(tickets, resources,
				claimTokens, decisions, owners, authorizations, rptGenerator, auditLog, properties, clock);
		grant.setMeterRegistry(meters);
		UmaRptIntrospectionAuthenticationProvider introspection = new UmaRptIntrospectionAuthenticationProvider(
				authorizations, resources, decisions, owners, clock);
		UmaPatClientAuthenticationConverter patConverter = new UmaPatClientAuthenticationConverter(
				serverSettings.getTokenIntrospectionEndpoint());
		UmaPatClientAuthenticationProvider patProvider = new UmaPatClientAuthenticationProvider(jwtDecoder, clients);
		return (server) -> server
			.clientAuthentication((clientAuthentication) -> clientAuthentication.authenticationConverter(patConverter)
				.authenticationProvider(patProvider))
			.tokenEndpoint((token) -> token.accessTokenRequestConverter(new UmaTicketGrantAuthenticationConverter())
				.authenticationProvider(grant)
				.errorResponseHandler(new UmaTokenErrorResponseHandler()))
			.tokenIntrospectionEndpoint((endpoint) -> endpoint.authenticationProvider(introspection))
			.authorizationServerMetadataEndpoint((metadata) -> metadata.authorizationServerMetadataCustomizer(
					// one metadata customizer per server (a later one replaces it): the
					// UMA grant type, and what
					// every discovery document advertises
					(builder) -> builder.grantType(UmaTicketGrantAuthenticationToken.UMA_TICKET.getValue())
						// RFC 9207 iss on authorization responses
						// (oauth.AuthorizationResponseFilter)
						.claim(SecurityHardeningConfiguration.ISS_PARAMETER_SUPPORTED, true)
						.claims(OAuthDiscovery::restrict)));
	}

	/** Scopes of the UMA endpoints of the API chain. */
	@Bean
	ApiAuthorizationRules umaApiRules() {
		return (rules) -> rules
			.requestMatchers(ResourceRegistrationController.RESOURCE_SET_PATH,
					ResourceRegistrationController.RESOURCE_SET_PATH + "/**",
					ResourceRegistrationController.PERMISSION_PATH)
			.hasAuthority("SCOPE_uma_protection")
			.requestMatchers("/uma/record-location")
			.hasAuthority("SCOPE_record_location");
	}

	/** UMA discovery is public, like the RFC 8414 metadata it extends. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain umaDiscoverySecurityFilterChain(HttpSecurity http) throws Exception {
		return PublicDocuments.chain(http, UmaConfigurationController.PATH);
	}

}
