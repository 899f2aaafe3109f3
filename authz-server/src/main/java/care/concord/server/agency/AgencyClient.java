package care.concord.server.agency;

import java.time.Instant;

/**
 * The link between an {@link Agency} and one of its OAuth clients (the client's protocol
 * settings live in the authorization server's registered client store), with the client's
 * own enabled flag. Stored in table {@code agency_client} by
 * {@link AgencyClientRepository}; a change reaches the database only when the link is
 * saved.
 */
public class AgencyClient {

	private String clientId;

	private String agencyCode;

	private String registeredClientId;

	private boolean enabled;

	private Instant createdAt;

	private Instant secretRotatedAt;

	/** A link as stored (read back by {@link AgencyClientRepository}). */
	AgencyClient(String clientId, String agencyCode, String registeredClientId, boolean enabled, Instant createdAt,
			Instant secretRotatedAt) {
		this.clientId = clientId;
		this.agencyCode = agencyCode;
		this.registeredClientId = registeredClientId;
		this.enabled = enabled;
		this.createdAt = createdAt;
		this.secretRotatedAt = secretRotatedAt;
	}

	public AgencyClient(String clientId, String agencyCode, String registeredClientId, Instant now) {
		this.clientId = clientId;
		this.agencyCode = agencyCode;
		this.registeredClientId = registeredClientId;
		this.enabled = true;
		this.createdAt = now;
	}

	public String getClientId() {
		return this.clientId;
	}

	public String getAgencyCode() {
		return this.agencyCode;
	}

	public String getRegisteredClientId() {
		return this.registeredClientId;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getSecretRotatedAt() {
		return this.secretRotatedAt;
	}

	void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	void secretRotated(Instant now) {
		this.secretRotatedAt = now;
	}

}
