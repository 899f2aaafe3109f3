package care.concord.server.oauth;

import java.util.Optional;

/**
 * Finds the token claims of an enabled person account. Implemented by the people feature.
 */
public interface PersonDirectory {

	/**
	 * The claims of the enabled person with that username; empty for unknown or disabled
	 * accounts.
	 */
	Optional<PersonClaims> findEnabled(String username);

}
