package care.concord.server.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.policy.request.InvalidRequestException;

/**
 * The body of an IG officer's decision: {@code {"reason": "...", "person_id": "..."}}.
 * The reason is required (at most {@value #MAX_REASON} characters); {@code person_id} is
 * allowed only when accepting, to link to another person than the proposed one. Any other
 * member is refused.
 *
 * @param reason why the officer decided so
 * @param personId the person to link to (accept only), or null
 * @param unknown members the API does not define
 */
public record ReviewDecisionInput(String reason, @JsonProperty("person_id") String personId,
		@JsonAnySetter Map<String, Object> unknown) {

	/** Longest reason. */
	public static final int MAX_REASON = 1000;

	public ReviewDecisionInput {
		unknown = (unknown != null) ? unknown : new LinkedHashMap<>();
	}

	/**
	 * The checked reason.
	 * @throws InvalidRequestException naming the field at fault
	 */
	public String checkedReason() {
		if (!this.unknown.isEmpty()) {
			String field = this.unknown.keySet().iterator().next();
			throw new InvalidRequestException(field.length() > 64 ? field.substring(0, 64) : field, "unknown field");
		}
		if (this.reason == null || this.reason.isBlank()) {
			throw new InvalidRequestException("reason", "a reason is required");
		}
		if (this.reason.length() > MAX_REASON) {
			throw new InvalidRequestException("reason", "at most " + MAX_REASON + " characters are allowed");
		}
		return this.reason.strip();
	}

	/**
	 * The named person, or null.
	 * @throws InvalidRequestException naming {@code person_id} when it is not a UUID
	 */
	public UUID checkedPersonId() {
		if (this.personId == null) {
			return null;
		}
		return IdentityController.uuid("person_id", this.personId);
	}

}
