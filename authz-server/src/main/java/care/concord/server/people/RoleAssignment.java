package care.concord.server.people;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;

/**
 * Request body replacing a person's roles (and NHS number, which role {@code citizen}
 * requires).
 *
 * @param roles role codes
 * @param nhsNumber NHS number for citizens
 */
public record RoleAssignment(@NotEmpty List<String> roles, @JsonProperty("nhs_number") String nhsNumber) {
}
