package care.concord.server.federation;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NhsLoginIdentityTests {

	private static Map<String, Object> claims(String level, String vot, String nhsNumber) {
		Map<String, Object> claims = new HashMap<>(
				Map.of("sub", "sub-1", "given_name", "Alex", "family_name", "Citizen"));
		if (level != null) {
			claims.put("identity_proofing_level", level);
		}
		if (vot != null) {
			claims.put("vot", vot);
		}
		if (nhsNumber != null) {
			claims.put("nhs_number", nhsNumber);
		}
		return claims;
	}

	@Test
	void fromWhenP9WithP9VectorOfTrustThenHighLevelWithNhsNumber() {
		NhsLoginIdentity identity = NhsLoginIdentity.from(claims("P9", "P9.Cp.Cd", "9434765919"));
		assertThat(identity.highLevel()).isTrue();
		assertThat(identity.nhsNumber().value()).isEqualTo("9434765919");
		assertThat(identity.displayName()).isEqualTo("Alex Citizen");
	}

	@Test
	void fromWhenP5ThenLowerLevelAndNhsNumberIgnored() {
		NhsLoginIdentity identity = NhsLoginIdentity.from(claims("P5", "P5.Cp.Cd", "9434765919"));
		assertThat(identity.highLevel()).isFalse();
		assertThat(identity.nhsNumber()).isNull();
		assertThat(identity.proofingLevel()).isEqualTo("P5");
	}

	@Test
	void fromWhenP9ClaimButVectorOfTrustLowerThenLowerLevel() {
		assertThat(NhsLoginIdentity.from(claims("P9", "P5.Cp.Cd", "9434765919")).highLevel()).isFalse();
		assertThat(NhsLoginIdentity.from(claims("P9", null, "9434765919")).highLevel()).isFalse();
	}

	@Test
	void fromWhenNhsNumberFailsModulus11ThenRefused() {
		assertThatExceptionOfType(FederatedSignInException.class)
			.isThrownBy(() -> NhsLoginIdentity.from(claims("P9", "P9.Cp.Cd", "9434765918")))
			.extracting(FederatedSignInException::refusal)
			.isEqualTo(SignInRefusal.NHS_NUMBER_INVALID);
	}

	@Test
	void fromWhenNhsNumberMissingOrNotTenDigitsThenRefused() {
		for (String bad : new String[] { null, "943 476 5919", "94347659190", "abc" }) {
			assertThatExceptionOfType(FederatedSignInException.class)
				.isThrownBy(() -> NhsLoginIdentity.from(claims("P9", "P9.Cp.Cd", bad)));
		}
	}

	@Test
	void fromWhenProofingLevelMissingOrUnknownThenRefused() {
		for (String bad : new String[] { null, "P7", "p9" }) {
			assertThatExceptionOfType(FederatedSignInException.class)
				.isThrownBy(() -> NhsLoginIdentity.from(claims(bad, "P9.Cp.Cd", "9434765919")))
				.extracting(FederatedSignInException::refusal)
				.isEqualTo(SignInRefusal.PROOFING_LEVEL_UNKNOWN);
		}
	}

}
