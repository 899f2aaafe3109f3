package care.concord.server.people;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A person's account as the admin API shows it (never the password hash).
 *
 * @param username login name
 * @param displayName display name
 * @param roles role codes
 * @param nhsNumber NHS number of a citizen
 * @param enabled whether the account may log in and use tokens
 * @param createdAt creation time
 */
public record PersonView(String username, @JsonProperty("display_name") String displayName, List<String> roles,
		@JsonProperty("nhs_number") String nhsNumber, boolean enabled, @JsonProperty("created_at") Instant createdAt) {

	static PersonView of(Person person) {
		return new PersonView(person.getUsername(), person.getDisplayName(),
				person.getRoles().stream().sorted().toList(), person.getNhsNumber(), person.isEnabled(),
				person.getCreatedAt());
	}

}
