package care.concord.server.federation;

import java.util.Map;

import care.concord.identity.nhs.NhsNumber;

/**
 * A citizen as NHS login vouches for them: subject, proofing level and, at the high level
 * (P9), the verified NHS number.
 *
 * <p>
 * NHS login states the proofing level twice: {@code identity_proofing_level} ({@code P0},
 * {@code P5}, {@code P9}) and the vector of trust {@code vot} (e.g. {@code P9.Cp.Cd}),
 * whose first component is the same level. Concord takes the identity as high level only
 * when both say P9; any other known level is a lower level, which may sign in but never
 * reaches consent. An NHS number is read only at P9, and must pass Modulus 11.
 *
 * @param subject NHS login's {@code sub}
 * @param proofingLevel {@code P9}, {@code P5} or {@code P0}
 * @param nhsNumber the verified NHS number at P9, otherwise null
 * @param displayName given and family name, or null
 * @see <a href="https://nhsconnect.github.io/nhslogin/">NHS login interface
 * specification</a>
 */
public record NhsLoginIdentity(String subject, String proofingLevel, NhsNumber nhsNumber, String displayName) {

	public static final String HIGH_LEVEL = "P9";

	public boolean highLevel() {
		return this.nhsNumber != null;
	}

	/**
	 * Reads the identity from NHS login's claims (ID token and UserInfo merged).
	 * @throws FederatedSignInException when the proofing level is missing or unknown, or
	 * a P9 identity's NHS number is missing or invalid
	 */
	public static NhsLoginIdentity from(Map<String, Object> claims) {
		String subject = string(claims, "sub");
		String level = string(claims, "identity_proofing_level");
		String vot = string(claims, "vot");
		if (subject == null || level == null || !level.matches("P[059]")) {
			throw new FederatedSignInException(SignInRefusal.PROOFING_LEVEL_UNKNOWN,
					"identity_proofing_level " + level);
		}
		String name = name(claims);
		boolean high = HIGH_LEVEL.equals(level) && vot != null && vot.startsWith(HIGH_LEVEL + ".");
		if (!high) {
			return new NhsLoginIdentity(subject, HIGH_LEVEL.equals(level) ? "P5" : level, null, name);
		}
		String nhsNumber = string(claims, "nhs_number");
		if (nhsNumber == null || !nhsNumber.matches("\\d{10}") || !NhsNumber.isValid(nhsNumber)) {
			throw new FederatedSignInException(SignInRefusal.NHS_NUMBER_INVALID, "nhs_number missing or invalid");
		}
		return new NhsLoginIdentity(subject, level, NhsNumber.parse(nhsNumber), name);
	}

	static String name(Map<String, Object> claims) {
		String given = string(claims, "given_name");
		String family = string(claims, "family_name");
		String name = ((given != null) ? given : "") + ((given != null && family != null) ? " " : "")
				+ ((family != null) ? family : "");
		return name.isBlank() ? null : name.substring(0, Math.min(200, name.length()));
	}

	static String string(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		return (value instanceof String text && !text.isBlank()) ? text : null;
	}

}
