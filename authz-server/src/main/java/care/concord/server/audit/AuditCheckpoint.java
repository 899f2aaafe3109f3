package care.concord.server.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A signed statement that the audit chain once reached record {@code sequence}, whose
 * hash was {@code hash}.
 *
 * @param sequence the sequence number of the newest record when the checkpoint was signed
 * @param hash that record's hash
 * @param signedAt when the checkpoint was signed
 * @param token the checkpoint as a compact JWS signed with the server's token signing key
 * (claims {@code audit_seq}, {@code audit_hash}, {@code iat}, {@code iss}; header
 * {@code typ} {@value #TYPE}); null when the checkpoint comes from elsewhere (e.g. a
 * caller)
 */
public record AuditCheckpoint(long sequence, String hash, @JsonProperty("signed_at") Instant signedAt, String token) {

	/** The JWS {@code typ} of a checkpoint. */
	public static final String TYPE = "concord-audit-checkpoint+jwt";

}
