package care.concord.server.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12 finding 7: without {@code concord.issuer} the issuer is
 * {@code http://localhost:<port>} from application.yml, never empty (an empty issuer made
 * Spring Authorization Server derive it from each request's {@code Host} header, and the
 * API chain skip the {@code iss} check).
 */
class IssuerConfigurationTests {

	@Test
	void issuerWhenNotConfiguredThenLocalhostWithTheServerPort() throws Exception {
		assertThat(issuer(Map.of("server.port", "18311"))).isEqualTo("http://localhost:18311");
		assertThat(issuer(Map.of())).isEqualTo("http://localhost:8080");
	}

	@Test
	void issuerWhenConfiguredThenThatIssuer() throws Exception {
		assertThat(issuer(Map.of("CONCORD_ISSUER", "https://concord.example.nhs.uk")))
			.isEqualTo("https://concord.example.nhs.uk");
	}

	private static String issuer(Map<String, Object> properties) throws Exception {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.addFirst(new MapPropertySource("test", properties));
		for (PropertySource<?> yaml : new YamlPropertySourceLoader().load("application",
				new ClassPathResource("application.yml"))) {
			sources.addLast(yaml);
		}
		return Binder.get(environment).bind("concord.issuer", String.class).orElse("");
	}

}
