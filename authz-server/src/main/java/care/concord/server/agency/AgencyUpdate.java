package care.concord.server.agency;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Request body changing an agency: its name, organisation type and town. The code never
 * changes (it is the agency's identity, and directives name it).
 *
 * @param name display name
 * @param orgType organisation type code of the consent vocabulary
 * @param town the town the agency is in; absent or blank removes it
 */
public record AgencyUpdate(@NotBlank @Size(max = 200) String name, @JsonProperty("org_type") @NotBlank String orgType,
		@Size(max = 100) String town) {

	/** An update without a town. */
	public AgencyUpdate(String name, String orgType) {
		this(name, orgType, null);
	}

}
