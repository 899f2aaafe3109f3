package care.concord.server.federation;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Cis2IdentityTests {

	private static final Map<String, String> MAPPINGS = Map.of("R8008", "ig-officer", "R0001", "admin");

	private static final List<String> SMARTCARD = List.of("AAL3_ANY");

	private static Map<String, Object> claims(String selected, String acr) {
		return Map.of("sub", "555123456789", "nhsid_useruid", "555123456789", "selected_roleid", selected, "acr", acr,
				"nhsid_nrbac_roles",
				List.of(Map.of("person_roleid", "r1", "org_code", "X26", "role_code", "S8000:G8000:R8000"),
						Map.of("person_roleid", "r2", "org_code", "RAE01", "role_code", "S8000:G8000:R8008")));
	}

	@Test
	void fromWhenRoleSelectedThenThatRolesOrganisationAndCode() {
		Cis2Identity identity = Cis2Identity.from(claims("r2", "AAL3_ANY"));
		assertThat(identity.userId()).isEqualTo("555123456789");
		assertThat(identity.orgCode()).isEqualTo("RAE01");
		assertThat(identity.roleCode()).isEqualTo("S8000:G8000:R8008");
		assertThat(identity.concordRoles(MAPPINGS, SMARTCARD)).containsExactly("ig-officer");
	}

	@Test
	void fromWhenSelectedRoleNotAmongRolesThenRefused() {
		assertThatExceptionOfType(FederatedSignInException.class)
			.isThrownBy(() -> Cis2Identity.from(claims("r9", "AAL3_ANY")))
			.extracting(FederatedSignInException::refusal)
			.isEqualTo(SignInRefusal.CIS2_ROLE_MISSING);
	}

	@Test
	void concordRolesWhenRoleNotMappedThenRefused() {
		assertThatExceptionOfType(FederatedSignInException.class)
			.isThrownBy(() -> Cis2Identity.from(claims("r1", "AAL3_ANY")).concordRoles(MAPPINGS, SMARTCARD))
			.extracting(FederatedSignInException::refusal)
			.isEqualTo(SignInRefusal.CIS2_ROLE_UNKNOWN);
	}

	@Test
	void concordRolesWhenAssuranceBelowSmartcardThenRefused() {
		assertThatExceptionOfType(FederatedSignInException.class)
			.isThrownBy(() -> Cis2Identity.from(claims("r2", "AAL2_OR_ABOVE")).concordRoles(MAPPINGS, SMARTCARD))
			.extracting(FederatedSignInException::refusal)
			.isEqualTo(SignInRefusal.CIS2_ASSURANCE_TOO_LOW);
	}

}
