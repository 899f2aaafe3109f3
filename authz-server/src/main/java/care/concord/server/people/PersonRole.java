package care.concord.server.people;

import java.util.Arrays;

import care.concord.policy.request.InvalidRequestException;

/**
 * The roles a person's account may hold. Tokens carry them in the {@code roles} claim;
 * the API chain maps them to authorities {@code ROLE_<code>}.
 */
public enum PersonRole {

	/**
	 * A member of the public managing their own consent; always bound to an NHS number.
	 */
	CITIZEN("citizen"),
	/** An information-governance officer reviewing access and break-glass events. */
	IG_OFFICER("ig-officer"),
	/** A Concord administrator. */
	ADMIN("admin");

	private final String code;

	PersonRole(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	/** The role with that code, or null. */
	public static PersonRole fromCodeOrNull(String code) {
		return Arrays.stream(values()).filter((role) -> role.code.equals(code)).findFirst().orElse(null);
	}

	public static PersonRole fromCode(String code) {
		return Arrays.stream(values())
			.filter((role) -> role.code.equals(code))
			.findFirst()
			.orElseThrow(() -> new InvalidRequestException("roles", "unknown role '" + code + "'"));
	}

}
