package care.concord.server.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Keeps Redis out of the application unless {@code concord.redis.enabled=true}: the
 * data-redis starter is on the class path for the clustered mode, but a single node must
 * start without a Redis server. Excludes Spring Boot's Redis auto-configurations
 * (connection factory, repositories, health indicator) by adding them to
 * {@code spring.autoconfigure.exclude}, keeping any exclusions already configured.
 */
public class RedisAutoConfigurationSwitch implements EnvironmentPostProcessor, Ordered {

	static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getProperty("concord.redis.enabled", Boolean.class, false)) {
			return;
		}
		Set<String> exclusions = new LinkedHashSet<>(
				StringUtils.commaDelimitedListToSet(environment.getProperty("spring.autoconfigure.exclude", "")));
		exclusions.remove("");
		exclusions.addAll(REDIS_AUTO_CONFIGURATIONS);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("concordRedisSwitch", Map.of("spring.autoconfigure.exclude",
					String.join(",", exclusions), "management.health.redis.enabled", "false")));
	}

	@Override
	public int getOrder() {
		// After the config data (application.yml, profiles) has been loaded.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
