package care.concord.server.agency;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Request body registering an agency: {@code {"code": "A81001", "name": "...",
 * "org_type": "gp", "town": "Leeds"}}.
 *
 * @param code ODS-style organisation code, 3 to 8 upper-case letters or digits
 * @param name display name
 * @param orgType organisation type code of the consent vocabulary
 * @param town the town the agency is in (optional)
 */
public record AgencyRegistration(@NotBlank String code, @NotBlank @Size(max = 200) String name,
		@JsonProperty("org_type") @NotBlank String orgType, @Size(max = 100) String town) {

	/** A registration without a town. */
	public AgencyRegistration(String code, String name, String orgType) {
		this(code, name, orgType, null);
	}

}
