package care.concord.server.agency;

import java.time.Instant;

import care.concord.policy.request.OrgType;

/**
 * An agency: an organisation (GP practice, trust, local authority social care, pharmacy,
 * research body, commissioner) whose systems hold OAuth clients registered with Concord.
 *
 * <pre>
 *   (registered) --&gt; enabled &lt;--disable / enable--&gt; disabled
 * </pre> A disabled agency's clients obtain no tokens and its tokens stop introspecting
 * as active. Stored in table {@code agency} by {@link AgencyRepository}; a change reaches
 * the database only when the agency is saved.
 */
public class Agency {

	private String code;

	private String name;

	private OrgType orgType;

	private String town;

	private boolean enabled;

	private Instant createdAt;

	private Instant updatedAt;

	/** An agency as stored (read back by {@link AgencyRepository}). */
	Agency(String code, String name, OrgType orgType, String town, boolean enabled, Instant createdAt,
			Instant updatedAt) {
		this.code = code;
		this.name = name;
		this.orgType = orgType;
		this.town = town;
		this.enabled = enabled;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
	}

	public Agency(AgencyCode code, String name, OrgType orgType, String town, Instant now) {
		this.code = code.value();
		this.name = name;
		this.orgType = orgType;
		this.town = town;
		this.enabled = true;
		this.createdAt = now;
		this.updatedAt = now;
	}

	public String getCode() {
		return this.code;
	}

	public String getName() {
		return this.name;
	}

	public OrgType getOrgType() {
		return this.orgType;
	}

	/** The town the agency is in, or null when not given. */
	public String getTown() {
		return this.town;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	void update(String name, OrgType orgType, String town, Instant now) {
		this.name = name;
		this.orgType = orgType;
		this.town = town;
		this.updatedAt = now;
	}

	void setEnabled(boolean enabled, Instant now) {
		this.enabled = enabled;
		this.updatedAt = now;
	}

}
