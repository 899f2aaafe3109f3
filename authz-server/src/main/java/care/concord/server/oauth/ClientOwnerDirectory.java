package care.concord.server.oauth;

import java.util.Optional;

/**
 * Finds the organisation owning an OAuth client. Implemented by the agency feature;
 * clients without an owner (first-party clients such as the admin console) answer empty.
 */
public interface ClientOwnerDirectory {

	/**
	 * The owner of the client with that {@code client_id}, if the client belongs to an
	 * organisation.
	 */
	Optional<ClientOwner> findByClientId(String clientId);

	/**
	 * True unless the client belongs to a disabled organisation or is itself disabled.
	 */
	default boolean isClientEnabled(String clientId) {
		return findByClientId(clientId).map(ClientOwner::enabled).orElse(true);
	}

}
