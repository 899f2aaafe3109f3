package care.concord.server.agency;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Request body updating an agency's name and organisation type.
 *
 * @param name display name
 * @param orgType organisation type code of the consent vocabulary
 */
public record AgencyUpdate(@NotBlank @Size(max = 200) String name, @JsonProperty("org_type") @NotBlank String orgType) {
}
