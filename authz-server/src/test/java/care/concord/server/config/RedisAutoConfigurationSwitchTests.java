package care.concord.server.config;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

class RedisAutoConfigurationSwitchTests {

	@Test
	void redisAutoConfigurationsWhenNamedThenEachIsAnAutoConfigurationOnTheClassPath() throws Exception {
		assertThat(RedisAutoConfigurationSwitch.REDIS_AUTO_CONFIGURATIONS).hasSize(6).doesNotHaveDuplicates();
		for (String name : RedisAutoConfigurationSwitch.REDIS_AUTO_CONFIGURATIONS) {
			assertThat(ClassUtils.isPresent(name, getClass().getClassLoader())).as(name + " exists").isTrue();
			assertThat(
					ClassUtils.forName(name, getClass().getClassLoader()).isAnnotationPresent(AutoConfiguration.class))
				.as(name + " is an auto-configuration")
				.isTrue();
		}
	}

	@Test
	void postProcessEnvironmentWhenRedisOffThenExcludedBesideExistingExclusions() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("spring.autoconfigure.exclude", "com.example.Other")));
		new RedisAutoConfigurationSwitch().postProcessEnvironment(environment, new SpringApplication());
		List<String> excluded = List.of(environment.getProperty("spring.autoconfigure.exclude").split(","));
		assertThat(excluded).contains("com.example.Other")
			.containsAll(RedisAutoConfigurationSwitch.REDIS_AUTO_CONFIGURATIONS);
	}

	@Test
	void postProcessEnvironmentWhenRedisOnThenNothingExcluded() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("concord.redis.enabled", "true")));
		new RedisAutoConfigurationSwitch().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
	}

}
