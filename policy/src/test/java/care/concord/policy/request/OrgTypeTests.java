package care.concord.policy.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrgTypeTests {

	@ParameterizedTest
	@EnumSource(OrgType.class)
	void fromCodeWhenGivenOwnCodeThenReturnsSameType(OrgType type) {
		assertThat(OrgType.fromCode(type.code())).isSameAs(type);
	}

	@Test
	void isCareProviderWhenCheckedThenAllButResearchAndCommissioner() {
		assertThat(EnumSet.allOf(OrgType.class).stream().filter(t -> !t.isCareProvider()))
			.containsExactly(OrgType.RESEARCH, OrgType.COMMISSIONER);
	}

	@Test
	void fromCodeWhenUnknownThenThrowsInvalidRequest() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> OrgType.fromCode("dentist"))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("org_type"));
	}

}
