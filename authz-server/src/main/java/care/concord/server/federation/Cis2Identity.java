package care.concord.server.federation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A member of staff as NHS Care Identity Service 2 vouches for them, in the role they
 * selected.
 *
 * <p>
 * CIS2 lists every role of the person in {@code nhsid_nrbac_roles} (each with
 * {@code person_roleid}, {@code org_code} and {@code role_code}, a colon-separated job
 * role hierarchy such as {@code S8000:G8000:R8000}) and names the one chosen for this
 * session in {@code selected_roleid}. The user's CIS2 identifier is {@code nhsid_useruid}
 * (also {@code sub}); {@code acr} is the authentication assurance, {@code AAL3_ANY} for a
 * smartcard or an equivalent authenticator.
 *
 * @param userId the CIS2 user id ({@code nhsid_useruid}, else {@code sub})
 * @param orgCode the ODS code of the selected role's organisation
 * @param roleCode the selected role's {@code role_code}
 * @param acr the authentication assurance, or null
 * @param displayName the person's name, or null
 * @see <a href=
 * "https://digital.nhs.uk/developer/guides-and-documentation/security-and-authorisation/nhs-cis2-authentication">CIS2</a>
 */
public record Cis2Identity(String userId, String orgCode, String roleCode, String acr, String displayName) {

	/**
	 * Reads the selected role from CIS2's claims.
	 * @throws FederatedSignInException when no role is selected or the selected one is
	 * not among the person's
	 */
	public static Cis2Identity from(Map<String, Object> claims) {
		String userId = NhsLoginIdentity.string(claims, "nhsid_useruid");
		if (userId == null) {
			userId = NhsLoginIdentity.string(claims, "sub");
		}
		String selected = NhsLoginIdentity.string(claims, "selected_roleid");
		if (userId == null || selected == null || !(claims.get("nhsid_nrbac_roles") instanceof Collection<?> roles)) {
			throw new FederatedSignInException(SignInRefusal.CIS2_ROLE_MISSING, "no selected_roleid or roles");
		}
		for (Object role : roles) {
			if (role instanceof Map<?, ?> entry && selected.equals(entry.get("person_roleid"))
					&& entry.get("org_code") instanceof String org && entry.get("role_code") instanceof String code) {
				return new Cis2Identity(userId, org, code, NhsLoginIdentity.string(claims, "acr"),
						NhsLoginIdentity.name(claims));
			}
		}
		throw new FederatedSignInException(SignInRefusal.CIS2_ROLE_MISSING, "selected_roleid not among the roles");
	}

	/**
	 * The Concord roles the selected role gives by the provider's mapping: every mapped
	 * code that is a segment of the selected {@code role_code}.
	 * @throws FederatedSignInException when it gives none, or gives a privileged role
	 * without the required {@code acr}
	 */
	public Set<String> concordRoles(Map<String, String> roleMappings, List<String> privilegedAcrValues) {
		Set<String> roles = new TreeSet<>();
		for (String segment : this.roleCode.split(":")) {
			String role = roleMappings.get(segment);
			if (role != null) {
				roles.add(role);
			}
		}
		if (roles.isEmpty()) {
			throw new FederatedSignInException(SignInRefusal.CIS2_ROLE_UNKNOWN, "role_code " + this.roleCode);
		}
		if (this.acr == null || !privilegedAcrValues.contains(this.acr)) {
			throw new FederatedSignInException(SignInRefusal.CIS2_ASSURANCE_TOO_LOW, "acr " + this.acr);
		}
		return roles;
	}

}
