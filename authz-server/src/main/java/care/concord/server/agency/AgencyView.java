package care.concord.server.agency;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An agency as the admin API shows it, with its clients.
 *
 * @param code organisation code
 * @param name display name
 * @param orgType organisation type code
 * @param town the town the agency is in, or null
 * @param enabled whether its clients may obtain and use tokens
 * @param createdAt registration time
 * @param updatedAt last change
 * @param clients its OAuth clients
 */
public record AgencyView(String code, String name, @JsonProperty("org_type") String orgType, String town,
		boolean enabled, @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt,
		List<ClientView> clients) {
}
