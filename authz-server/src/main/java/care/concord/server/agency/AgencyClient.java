package care.concord.server.agency;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The link between an {@link Agency} and one of its OAuth clients (the client's protocol
 * settings live in the authorization server's registered client store), with the client's
 * own enabled flag.
 */
@Entity
@Table(name = "agency_client")
public class AgencyClient {

	@Id
	@Column(name = "client_id", length = 100)
	private String clientId;

	@Column(name = "agency_code", nullable = false, length = 8)
	private String agencyCode;

	@Column(name = "registered_client_id", nullable = false, length = 100)
	private String registeredClientId;

	@Column(name = "enabled", nullable = false)
	private boolean enabled;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "secret_rotated_at")
	private Instant secretRotatedAt;

	protected AgencyClient() {
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
