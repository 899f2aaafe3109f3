package care.concord.agency.spring;

import care.concord.agency.ConcordConnection;
import care.concord.agency.ResourceProtection;
import care.concord.agency.ResourceRegistry;
import care.concord.agency.UmaClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agency kit in a Spring Boot application, once {@code concord.agency.issuer} is set:
 * the connection to Concord, the resource registry and enforcement point (and its servlet
 * filter when the application defines a {@link RequestResourceMapper}), the UMA client,
 * its {@code RestClient} interceptor and its {@code WebClient} filter.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "concord.agency", name = "issuer")
@EnableConfigurationProperties(AgencyKitProperties.class)
public class AgencyKitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConcordConnection concordConnection(AgencyKitProperties properties) {
		return new ConcordConnection(properties.toSettings());
	}

	@Bean
	@ConditionalOnMissingBean
	ResourceRegistry concordResourceRegistry(ConcordConnection concord) {
		return new ResourceRegistry(concord);
	}

	@Bean
	@ConditionalOnMissingBean
	ResourceProtection concordResourceProtection(ConcordConnection concord, ResourceRegistry registry,
			AgencyKitProperties properties) {
		return new ResourceProtection(concord, registry, properties.getRealm());
	}

	@Bean
	@ConditionalOnMissingBean
	UmaClient concordUmaClient(ConcordConnection concord) {
		return new UmaClient(concord);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.http.client.ClientHttpRequestInterceptor")
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		UmaClientHttpRequestInterceptor umaClientHttpRequestInterceptor(UmaClient uma) {
			return new UmaClientHttpRequestInterceptor(uma, null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.reactive.function.client.ExchangeFilterFunction")
	static class ReactiveClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		UmaExchangeFilterFunction umaExchangeFilterFunction(UmaClient uma) {
			return new UmaExchangeFilterFunction(uma);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBean(RequestResourceMapper.class)
	static class ProtectionConfiguration {

		@Bean
		FilterRegistrationBean<UmaProtectionFilter> umaProtectionFilter(ResourceProtection protection,
				RequestResourceMapper mapper, ObjectProvider<UmaProtectionFilter.ErrorBodyWriter> errors,
				AgencyKitProperties properties) {
			FilterRegistrationBean<UmaProtectionFilter> registration = new FilterRegistrationBean<>(
					new UmaProtectionFilter(protection, mapper, errors.getIfAvailable()));
			registration.setUrlPatterns(properties.getProtectedPaths());
			return registration;
		}

	}

}
