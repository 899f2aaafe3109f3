package care.concord.server.config;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import care.concord.server.agency.AgencyClientOwners;
import care.concord.server.oauth.CachingClientOwnerDirectory;
import care.concord.server.oauth.ClientOwnerDirectory;
import care.concord.server.oauth.ClientRegistryVersion;
import care.concord.server.agency.AgencyClientRepository;
import care.concord.server.agency.AgencyRepository;
import care.concord.server.agency.AgencyService;
import care.concord.server.oauth.ConcordRegisteredClientRepository;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.people.BootstrapAdmin;
import care.concord.server.people.PeopleService;
import care.concord.server.people.PersonRepository;
import care.concord.server.people.PersonUserDetailsService;
import care.concord.server.web.ConcordErrorAttributes;
import care.concord.server.oauth.OAuthEndpointMethodFilter;
import care.concord.server.web.DependencyUnavailableFilter;
import care.concord.server.web.RequestSizeLimitFilter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Wiring of the foundation features: agencies, people, request limits. (Controllers are picked up by
 * component scanning; services are created here so their dependencies are visible in one place.)
 */
@Configuration(proxyBeanMethods = false)
public class FeatureConfiguration {

	/** Agency clients' owners, cached per client registry generation (read on every token request). */
	@Bean
	ClientOwnerDirectory clientOwnerDirectory(AgencyRepository agencies, AgencyClientRepository clients,
			ClientRegistryVersion version) {
		return new CachingClientOwnerDirectory(new AgencyClientOwners(agencies, clients), version);
	}

	@Bean
	AgencyService agencyService(AgencyRepository agencies, AgencyClientRepository clients,
			ConcordRegisteredClientRepository registeredClients, TokenLifetimes lifetimes, Clock clock,
			ClientRegistryVersion version) {
		return new AgencyService(agencies, clients, registeredClients, lifetimes, clock, version);
	}

	/**
	 * People's passwords: a slow, memory-hard hash (Argon2id by default, {@code concord.passwords.encoder}) through
	 * {@code DelegatingPasswordEncoder}, so stored hashes name their algorithm: hashes of another kind still verify
	 * and are re-hashed with the current one at the person's next login ({@link PersonUserDetailsService}). Client
	 * secrets never use this encoder.
	 */
	@Bean
	PasswordEncoder passwordEncoder(ConcordProperties properties) {
		Map<String, PasswordEncoder> encoders = new HashMap<>();
		// OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1
		encoders.put("argon2", new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2));
		encoders.put("bcrypt", new BCryptPasswordEncoder(properties.passwords().bcryptStrength()));
		encoders.put("pbkdf2@SpringSecurity_v5_8", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
		return new DelegatingPasswordEncoder(properties.passwords().encoder(), encoders);
	}

	@Bean
	PeopleService peopleService(PersonRepository people, PasswordEncoder passwordEncoder, Clock clock) {
		return new PeopleService(people, passwordEncoder, clock);
	}

	@Bean
	PersonUserDetailsService userDetailsService(PersonRepository people) {
		return new PersonUserDetailsService(people);
	}

	@Bean
	BootstrapAdmin bootstrapAdmin(PeopleService people, ConcordProperties properties) {
		return new BootstrapAdmin(people, properties.bootstrapAdmin().username(),
				properties.bootstrapAdmin().password());
	}

	/** Error-page bodies in OAuth or problem-details shape (see {@link ConcordErrorAttributes}). */
	@Bean
	ConcordErrorAttributes errorAttributes() {
		return new ConcordErrorAttributes();
	}

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ConcordProperties properties) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(properties.http().maxRequestSize()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** 405 with OAuth error JSON for anything but POST at the token, introspection and revocation endpoints. */
	@Bean
	FilterRegistrationBean<OAuthEndpointMethodFilter> oauthEndpointMethodFilter(
			org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings settings) {
		FilterRegistrationBean<OAuthEndpointMethodFilter> registration = new FilterRegistrationBean<>(
				new OAuthEndpointMethodFilter(java.util.Set.of(settings.getTokenEndpoint(),
						settings.getTokenIntrospectionEndpoint(), settings.getTokenRevocationEndpoint())));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/** 503, not 500, when the filters in front of the controllers cannot reach the database, audit log or Redis. */
	@Bean
	FilterRegistrationBean<DependencyUnavailableFilter> dependencyUnavailableFilter() {
		FilterRegistrationBean<DependencyUnavailableFilter> registration = new FilterRegistrationBean<>(
				new DependencyUnavailableFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}


}
