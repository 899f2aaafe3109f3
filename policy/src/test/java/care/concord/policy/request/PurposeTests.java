package care.concord.policy.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PurposeTests {

	@ParameterizedTest
	@EnumSource(Purpose.class)
	void fromCodeWhenGivenOwnCodeThenReturnsSamePurpose(Purpose purpose) {
		assertThat(Purpose.fromCode(purpose.code())).isSameAs(purpose);
		assertThat(Purpose.fromFhirCode(purpose.fhirCode())).isSameAs(purpose);
	}

	@Test
	void codesWhenListedThenAreExactlyTheSpecVocabularyAndFhirMapping() {
		assertThat(EnumSet.allOf(Purpose.class)).extracting(Purpose::code)
			.containsExactly("direct-care", "emergency-care", "research", "planning");
		assertThat(EnumSet.allOf(Purpose.class)).extracting(Purpose::fhirCode)
			.containsExactly("TREAT", "ETREAT", "HRESCH", "HOPERAT");
	}

	@Test
	void fromCodeWhenUnknownThenThrowsInvalidRequest() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> Purpose.fromCode("marketing"))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("purpose"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> Purpose.fromFhirCode("PUBHLTH"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> Purpose.fromCode(null));
	}

	@Test
	void isPermittedToWhenCheckedThenFollowsSpecLayerOne() {
		assertThat(Purpose.DIRECT_CARE.permittedOrgTypes()).containsExactlyInAnyOrder(OrgType.GP,
				OrgType.ACUTE_HOSPITAL, OrgType.MENTAL_HEALTH_TRUST, OrgType.COMMUNITY_HEALTH, OrgType.AMBULANCE,
				OrgType.PHARMACY, OrgType.SOCIAL_CARE);
		assertThat(Purpose.EMERGENCY_CARE.permittedOrgTypes()).containsExactlyInAnyOrder(OrgType.GP,
				OrgType.ACUTE_HOSPITAL, OrgType.MENTAL_HEALTH_TRUST, OrgType.COMMUNITY_HEALTH, OrgType.AMBULANCE);
		assertThat(Purpose.RESEARCH.permittedOrgTypes()).containsExactly(OrgType.RESEARCH);
		assertThat(Purpose.PLANNING.permittedOrgTypes()).containsExactly(OrgType.COMMISSIONER);
	}

}
