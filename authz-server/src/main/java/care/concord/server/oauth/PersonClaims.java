package care.concord.server.oauth;

import java.util.List;

/**
 * What a person's tokens say about them: their Concord roles and, for citizens, their NHS
 * number.
 *
 * @param roles role codes, e.g. {@code citizen}, {@code ig-officer}, {@code admin}
 * @param nhsNumber the ten-digit NHS number of a citizen, or null
 * @param displayName the account's display name (OIDC {@code name}), or null
 */
public record PersonClaims(List<String> roles, String nhsNumber, String displayName) {

	public PersonClaims {
		roles = List.copyOf(roles);
	}

	public PersonClaims(List<String> roles, String nhsNumber) {
		this(roles, nhsNumber, null);
	}

}
