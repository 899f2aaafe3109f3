package care.concord.server.agency;

import java.time.Instant;

import care.concord.policy.request.OrgType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An agency: an organisation (GP practice, trust, local authority social care, pharmacy,
 * research body, commissioner) whose systems hold OAuth clients registered with Concord.
 *
 * <pre>
 *   (registered) --&gt; enabled &lt;--disable / enable--&gt; disabled
 * </pre> A disabled agency's clients obtain no tokens and its tokens stop introspecting
 * as active.
 */
@Entity
@Table(name = "agency")
public class Agency {

	@Id
	@Column(name = "code", length = 8)
	private String code;

	@Column(name = "name", nullable = false, length = 200)
	private String name;

	@Column(name = "org_type", nullable = false, length = 32)
	@Convert(converter = OrgTypeConverter.class)
	private OrgType orgType;

	@Column(name = "town", length = 100)
	private String town;

	@Column(name = "enabled", nullable = false)
	private boolean enabled;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Agency() {
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

	@Converter
	static final class OrgTypeConverter implements AttributeConverter<OrgType, String> {

		@Override
		public String convertToDatabaseColumn(OrgType attribute) {
			return (attribute != null) ? attribute.code() : null;
		}

		@Override
		public OrgType convertToEntityAttribute(String dbData) {
			return (dbData != null) ? OrgType.fromCode(dbData) : null;
		}

	}

}
