package care.concord.server.decision;

import java.net.URI;
import java.time.Duration;

import care.concord.policy.opa.OpaOrganisationPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OpaPolicyPropertiesTests {

	@Test
	void organisationPolicyWhenNoUrlThenNone() {
		assertThat(new OpaPolicyProperties(null, "concord.organisation", Duration.ofMillis(200)).organisationPolicy())
			.isNull();
	}

	@Test
	void organisationPolicyWhenUrlThenAsksThePackagesDataDocument() {
		OpaPolicyProperties properties = new OpaPolicyProperties(URI.create("http://127.0.0.1:8181/"),
				"concord.organisation", Duration.ofMillis(300));
		assertThat(properties.organisationPolicy()).isInstanceOfSatisfying(OpaOrganisationPolicy.class, (opa) -> {
			assertThat(opa.endpoint()).hasToString("http://127.0.0.1:8181/v1/data/concord/organisation");
			assertThat(opa.timeout()).isEqualTo(Duration.ofMillis(300));
		});
	}

	@Test
	void constructorWhenUrlOrPackageInvalidThenRefusedAtStartUp() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new OpaPolicyProperties(URI.create("opa:8181"), "concord.organisation", Duration.ofMillis(200)))
			.withMessageContaining("concord.policy.opa.url");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OpaPolicyProperties(URI.create("http://127.0.0.1:8181"), "concord.organisation; rm",
					Duration.ofMillis(200)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OpaPolicyProperties(URI.create("http://127.0.0.1:8181"), "concord", Duration.ZERO));
	}

}
