package care.concord.server.cluster;

import java.time.Clock;

import care.concord.server.consent.CachingCitizenConsentSource;
import care.concord.server.consent.ConsentVersions;
import care.concord.server.consent.VersionSharingConsentStore;
import care.concord.server.oauth.ClientRegistryVersion;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import care.concord.server.consent.ConsentStore;
import care.concord.server.consent.JdbcConsentStore;
import care.concord.server.decision.CitizenConsentSource;
import care.concord.server.oauth.JtiReplayCache;
import care.concord.server.oauth.RedisClientRegistryVersion;
import care.concord.server.oauth.RedisJtiReplayCache;
import care.concord.server.uma.PermissionTicketStore;
import care.concord.server.uma.RedisPermissionTicketStore;

/**
 * Wiring of shared state. Always: per-client rate limits (in-process unless Redis is on).
 * With {@code concord.redis.enabled=true}: the Redis implementations of the permission
 * ticket store, the {@code jti} replay cache, the rate limiter, and the consent cache
 * with shared consent versions; they take precedence over the database implementations of
 * the features ({@link Primary}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
public class ClusterConfiguration {

	@Bean
	@ConditionalOnMissingBean(RateLimiter.class)
	LocalRateLimiter localRateLimiter(Clock clock) {
		return new LocalRateLimiter(clock);
	}

	@Bean
	FilterRegistrationBean<TokenEndpointGuardFilter> tokenEndpointGuardFilter(RateLimiter limiter,
			RateLimitProperties properties) {
		FilterRegistrationBean<TokenEndpointGuardFilter> registration = new FilterRegistrationBean<>(
				new TokenEndpointGuardFilter(limiter, properties));
		registration.addUrlPatterns("/oauth2/token");
		// Ahead of Spring Security's filter chain, so floods are shed before any client
		// authentication.
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
		return registration;
	}

	@Bean
	WebMvcConfigurer decisionRateLimit(RateLimiter limiter, RateLimitProperties properties) {
		DecisionRateLimitInterceptor interceptor = new DecisionRateLimitInterceptor(limiter, properties);
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(interceptor).addPathPatterns("/access/v1/**");
			}
		};
	}

	/** The Redis implementations, on when {@code concord.redis.enabled=true}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "concord.redis.enabled", havingValue = "true")
	static class RedisSharedState {

		/**
		 * The template every Redis implementation uses (in place of Boot's), failing fast
		 * while Redis is known to be down and probing every
		 * {@code concord.redis.probe-interval} (default 250 ms) until it answers again.
		 */
		@Bean
		CircuitBreakingRedisTemplate stringRedisTemplate(RedisConnectionFactory connectionFactory, Clock clock,
				@Value("${concord.redis.probe-interval:250ms}") java.time.Duration probeInterval) {
			return new CircuitBreakingRedisTemplate(connectionFactory, probeInterval, clock);
		}

		/**
		 * Redis's health ({@code redis}): DOWN at once while the circuit is open. Named
		 * so that Spring Boot's own Redis indicator, which would wait for the command
		 * time-out, steps back.
		 */
		@Bean
		RedisCircuitHealthIndicator redisHealthIndicator(CircuitBreakingRedisTemplate redis) {
			return new RedisCircuitHealthIndicator(redis);
		}

		@Bean
		@Primary
		RedisRateLimiter redisRateLimiter(StringRedisTemplate redis, Clock clock,
				@Value("${concord.redis.key-prefix:concord:}") String prefix) {
			return new RedisRateLimiter(redis, clock, prefix);
		}

		@Bean
		@Primary
		JtiReplayCache redisJtiReplayCache(StringRedisTemplate redis, Clock clock,
				@Value("${concord.redis.key-prefix:concord:}") String prefix) {
			return new RedisJtiReplayCache(redis, clock, prefix);
		}

		@Bean
		@Primary
		PermissionTicketStore redisPermissionTicketStore(StringRedisTemplate redis, Clock clock,
				@Value("${concord.redis.key-prefix:concord:}") String prefix) {
			return new RedisPermissionTicketStore(redis, clock, prefix);
		}

		/** One read of the shared client registry generation per HTTP request. */
		@Bean
		FilterRegistrationBean<jakarta.servlet.Filter> clientRegistryVersionPerRequest() {
			FilterRegistrationBean<jakarta.servlet.Filter> registration = new FilterRegistrationBean<>(
					RedisClientRegistryVersion.perRequest());
			registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 3);
			return registration;
		}

		@Bean
		@Primary
		ClientRegistryVersion redisClientRegistryVersion(StringRedisTemplate redis,
				@Value("${concord.redis.key-prefix:concord:}") String prefix) {
			return new RedisClientRegistryVersion(redis, prefix);
		}

		@Bean
		ConsentVersions consentVersions(StringRedisTemplate redis,
				@Value("${concord.redis.key-prefix:concord:}") String prefix) {
			return new ConsentVersions(redis, prefix);
		}

		@Bean
		@Primary
		ConsentStore versionSharingConsentStore(JdbcConsentStore jdbc, ConsentVersions versions) {
			return new VersionSharingConsentStore(jdbc, versions);
		}

		@Bean
		@Primary
		CachingCitizenConsentSource cachingCitizenConsentSource(
				@Qualifier("citizenConsentSource") CitizenConsentSource database, JdbcConsentStore jdbc,
				ConsentVersions versions, @Value("${concord.consent.cache-size:100000}") int maxEntries) {
			return new CachingCitizenConsentSource(database, jdbc::consentVersion, versions, maxEntries);
		}

	}

}
