package care.concord.server;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestServicesTests {

	@Test
	void decideWhenNothingMissingThenEnabled() {
		assertThat(TestServices.decide("FooTests", List.of(), true).isDisabled()).isFalse();
	}

	@Test
	void decideWhenMissingLocallyThenSkippedSayingWhat() {
		ConditionEvaluationResult result = TestServices.decide("FooTests",
				List.of(TestServices.Service.REDIS.description()), false);
		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValueSatisfying(
				(reason) -> assertThat(reason).contains("FooTests needs Redis on 127.0.0.1:6379").endsWith("skipped"));
	}

	@Test
	void decideWhenMissingUnderCiThenFails() {
		assertThatIllegalStateException().isThrownBy(() -> TestServices.decide("FooTests", List.of("PostgreSQL"), true))
			.withMessageContaining("CI=true");
	}

}
