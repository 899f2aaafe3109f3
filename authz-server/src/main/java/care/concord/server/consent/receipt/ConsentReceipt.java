package care.concord.server.consent.receipt;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed consent receipt as stored: its id (the JWS {@code jti}), the citizen, when it
 * was issued, the consent version it records, what was done and by whom, the signing key
 * id, and the compact JWS itself.
 *
 * @param id the receipt id
 * @param nhsNumber the citizen's NHS number
 * @param issuedAt when the receipt was issued (its {@code iat})
 * @param consentVersion the citizen's consent version after the change
 * @param action the change's action, or {@code directives-imported} for a FHIR import
 * @param actor the username of the person who made the change
 * @param onBehalfOf the citizen's username when a proxy made the change
 * @param keyId the {@code kid} of the signing key
 * @param jws the compact JWS
 */
public record ConsentReceipt(String id, String nhsNumber, Instant issuedAt, long consentVersion, String action,
		String actor, String onBehalfOf, String keyId, String jws) {

	public ConsentReceipt {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(jws, "jws");
	}

}
