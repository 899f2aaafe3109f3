package care.concord.server.consent;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.policy.citizen.Directive;

/**
 * A directive version as the API shows it: <pre>
 * {"id": "0b6f...", "version": 2, "effect": "deny", "status": "active", "organisations": [], "org_types": [...],
 *  "roles": [], "categories": ["mental-health"], "purposes": [], "start": null, "end": null,
 *  "recorded_at": "...", "recorded_by": "citizen-1", "on_behalf_of": null, "revoked_at": null}
 * </pre>
 *
 * @param id the directive id, stable across versions
 * @param version the version number, from 1
 * @param effect permit or deny
 * @param status active or revoked
 * @param organisations organisation codes (empty for any)
 * @param orgTypes organisation type codes (empty for any)
 * @param roles role tokens (empty for any)
 * @param categories data category codes (empty for any)
 * @param purposes purpose codes (empty for any)
 * @param start validity start, inclusive, or null
 * @param end validity end, exclusive, or null
 * @param recordedAt when this version was recorded
 * @param recordedBy who recorded it
 * @param onBehalfOf the citizen's username when a proxy recorded it
 * @param revokedAt when the directive was revoked, or null
 */
public record DirectiveView(String id, int version, String effect, String status, List<String> organisations,
		@JsonProperty("org_types") List<String> orgTypes, List<String> roles, List<String> categories,
		List<String> purposes, Instant start, Instant end, @JsonProperty("recorded_at") Instant recordedAt,
		@JsonProperty("recorded_by") String recordedBy, @JsonProperty("on_behalf_of") String onBehalfOf,
		@JsonProperty("revoked_at") Instant revokedAt) {

	/** The view of a stored version. */
	public static DirectiveView of(DirectiveVersion version) {
		Directive d = version.directive();
		return new DirectiveView(d.id(), version.version(), d.effect().code(), d.status().code(),
				List.copyOf(d.organisations()), d.orgTypes().stream().map((t) -> t.code()).toList(),
				List.copyOf(d.roles()), d.categories().stream().map((c) -> c.code()).toList(),
				d.purposes().stream().map((p) -> p.code()).toList(), d.start(), d.end(), version.recordedAt(),
				version.recordedBy(), version.onBehalfOf(), version.revokedAt());
	}

}
