package care.concord.agency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who asks and why, as Concord's claim token carries it (format
 * {@code urn:concord:claim-token:practitioner-claims}, for agencies whose client
 * authenticates with a secret).
 *
 * @param purposeOfUse {@code direct-care}, {@code emergency-care}, {@code research},
 * {@code planning} (or the HL7 codes {@code TREAT}, {@code ETREAT}, {@code HRESCH},
 * {@code HOPERAT})
 * @param role the practitioner's role, e.g. {@code clinician}
 * @param practitionerId the practitioner's id at the agency (audited as "on behalf of"),
 * or null
 * @param breakGlassReason the reason given when breaking glass (needs
 * {@code emergency-care}), or null
 */
public record PractitionerClaims(String purposeOfUse, String role, String practitionerId, String breakGlassReason) {

	/** The claim token format the kit sends. */
	public static final String FORMAT = "urn:concord:claim-token:practitioner-claims";

	private static final Pattern ROLE = Pattern.compile("[a-z-]{1,40}");

	private static final Duration LIFETIME = Duration.ofMinutes(5);

	public PractitionerClaims {
		Objects.requireNonNull(purposeOfUse, "purposeOfUse is required");
		Objects.requireNonNull(role, "role is required");
		if (!ROLE.matcher(role).matches()) {
			throw new IllegalArgumentException("role must match [a-z-]{1,40}");
		}
	}

	/** A clinician's direct-care claims. */
	public static PractitionerClaims directCare(String role, String practitionerId) {
		return new PractitionerClaims("direct-care", role, practitionerId, null);
	}

	/**
	 * The same practitioner breaking glass: purpose {@code emergency-care} and the
	 * reason.
	 */
	public PractitionerClaims breakingGlass(String reason) {
		return new PractitionerClaims("emergency-care", this.role, this.practitionerId, reason);
	}

	/**
	 * The claim token: the claims with {@code iat}/{@code exp} as base64url JSON (no
	 * padding).
	 */
	public String toClaimToken(Instant now) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("purpose_of_use", this.purposeOfUse);
		claims.put("practitioner_role", this.role);
		if (this.practitionerId != null) {
			claims.put("practitioner_id", this.practitionerId);
		}
		if (this.breakGlassReason != null) {
			claims.put("break_glass_reason", this.breakGlassReason);
		}
		claims.put("iat", now.getEpochSecond());
		claims.put("exp", now.plus(LIFETIME).getEpochSecond());
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(ConcordConnection.JSON.writeValueAsString(claims).getBytes(StandardCharsets.UTF_8));
	}

}
