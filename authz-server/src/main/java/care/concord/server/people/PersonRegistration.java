package care.concord.server.people;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request body creating a person's account.
 *
 * @param username login name, 3 to 100 of letters, digits, '.', '_', '-', '@'
 * @param password initial password, 12 to 200 characters
 * @param displayName optional display name
 * @param roles role codes ({@link PersonRole})
 * @param nhsNumber NHS number, required with role {@code citizen} and only then
 */
public record PersonRegistration(@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._@-]{2,99}") String username,
		@NotBlank @Size(min = 12, max = 200) String password,
		@JsonProperty("display_name") @Size(max = 200) String displayName, @NotEmpty List<String> roles,
		@JsonProperty("nhs_number") String nhsNumber) {
}
