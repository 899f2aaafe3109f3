package care.concord.server.audit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One record of the audit log as stored: the event's values as text, with the sequence
 * number, the time, the previous record's hash and this record's own hash.
 *
 * <p>
 * Values are exactly what the database holds (codes as strings, obligations as a list,
 * details as JSON text), because the hash is recomputed from them: a record read back
 * from a tampered database must show the tampered values, not fail to load. See
 * {@link AuditHashing} for the encoding.
 *
 * @param sequence position in the chain, from 1, without gaps
 * @param recordedAt when the log appended the record (microsecond precision, as
 * PostgreSQL stores it)
 * @param eventType an {@link AuditEventType} name
 * @param actorAgency the requesting agency's organisation code
 * @param actorClientId the OAuth client id
 * @param actorUsername the signed-in person's username
 * @param onBehalfOf whom the actor acted for
 * @param subjectNhsNumber the subject's NHS number, ten digits
 * @param holder the organisation code of the agency holding the data
 * @param category the data category code
 * @param purpose the purpose-of-use code
 * @param role the practitioner's role
 * @param decision an {@link AuditOutcome} code: {@code permit}, {@code deny} or
 * {@code error}
 * @param reasonCode the reason or error code
 * @param obligations obligation codes, in stored order (empty when none)
 * @param breakGlass true when break glass was invoked
 * @param breakGlassReason the practitioner's break-glass reason
 * @param directiveId the deciding or changed directive's id
 * @param explanation the plain-English explanation
 * @param requestId the HTTP request id
 * @param correlationId the flow's correlation id
 * @param details a small JSON object of further facts, as text
 * @param previousHash the previous record's hash ({@link AuditHashing#GENESIS_HASH} for
 * the first)
 * @param hash this record's hash
 */
public record AuditRecord(long sequence, @JsonProperty("recorded_at") Instant recordedAt,
		@JsonProperty("event_type") String eventType, @JsonProperty("actor_agency") String actorAgency,
		@JsonProperty("actor_client_id") String actorClientId, @JsonProperty("actor_username") String actorUsername,
		@JsonProperty("on_behalf_of") String onBehalfOf, @JsonProperty("subject_nhs_number") String subjectNhsNumber,
		String holder, String category, String purpose, String role, String decision,
		@JsonProperty("reason_code") String reasonCode, List<String> obligations,
		@JsonProperty("break_glass") boolean breakGlass, @JsonProperty("break_glass_reason") String breakGlassReason,
		@JsonProperty("directive_id") String directiveId, String explanation,
		@JsonProperty("request_id") String requestId, @JsonProperty("correlation_id") String correlationId,
		String details, @JsonProperty("previous_hash") String previousHash, String hash) {

	public AuditRecord {
		obligations = (obligations != null) ? Collections.unmodifiableList(obligations) : List.of();
	}

	/**
	 * The record that follows {@code previousHash} at {@code sequence}, with its hash
	 * computed.
	 * @param detailsJson the event's details as JSON text, or null when it has none
	 */
	static AuditRecord chain(long sequence, Instant recordedAt, AuditEvent event, String detailsJson,
			String previousHash) {
		AuditActor actor = event.actor();
		AuditRecord unhashed = new AuditRecord(sequence, recordedAt, event.type().name(), actor.agency(),
				actor.clientId(), actor.username(), actor.onBehalfOf(),
				(event.subject() != null) ? event.subject().value() : null, event.holder(), event.category(),
				event.purpose(), event.role(), (event.outcome() != null) ? event.outcome().code() : null,
				event.reasonCode(), event.obligations(), event.breakGlass(), event.breakGlassReason(),
				event.directiveId(), event.explanation(), event.requestId(), event.correlationId(), detailsJson,
				previousHash, null);
		return unhashed.withHash(AuditHashing.hash(unhashed.canonicalFields()));
	}

	/**
	 * The values the hash covers, in the fixed order of the canonical encoding (version
	 * 1): sequence, recorded at (ISO-8601 UTC), event type, actor agency, actor client
	 * id, actor username, on behalf of, subject, holder, category, purpose, role,
	 * decision, reason code, obligations (comma-joined, null when none), break glass
	 * ({@code true}/{@code false}), break-glass reason, directive id, explanation,
	 * request id, correlation id, details, previous hash.
	 */
	public List<String> canonicalFields() {
		return Arrays.asList(Long.toString(this.sequence),
				(this.recordedAt != null) ? DateTimeFormatter.ISO_INSTANT.format(this.recordedAt) : null,
				this.eventType, this.actorAgency, this.actorClientId, this.actorUsername, this.onBehalfOf,
				this.subjectNhsNumber, this.holder, this.category, this.purpose, this.role, this.decision,
				this.reasonCode, joinObligations(this.obligations), Boolean.toString(this.breakGlass),
				this.breakGlassReason, this.directiveId, this.explanation, this.requestId, this.correlationId,
				this.details, this.previousHash);
	}

	/**
	 * The hash of this record's values as they are now; differs from {@link #hash()} when
	 * they were changed.
	 */
	public String computeHash() {
		return AuditHashing.hash(canonicalFields());
	}

	/** True when the stored hash matches the values. */
	public boolean hashMatches() {
		return computeHash().equals(this.hash);
	}

	/** This record with the given stored hash. */
	AuditRecord withHash(String hash) {
		return new AuditRecord(this.sequence, this.recordedAt, this.eventType, this.actorAgency, this.actorClientId,
				this.actorUsername, this.onBehalfOf, this.subjectNhsNumber, this.holder, this.category, this.purpose,
				this.role, this.decision, this.reasonCode, this.obligations, this.breakGlass, this.breakGlassReason,
				this.directiveId, this.explanation, this.requestId, this.correlationId, this.details, this.previousHash,
				hash);
	}

	/**
	 * This record's values at another sequence number, to test whether it was moved
	 * there.
	 */
	AuditRecord withSequence(long sequence) {
		return new AuditRecord(sequence, this.recordedAt, this.eventType, this.actorAgency, this.actorClientId,
				this.actorUsername, this.onBehalfOf, this.subjectNhsNumber, this.holder, this.category, this.purpose,
				this.role, this.decision, this.reasonCode, this.obligations, this.breakGlass, this.breakGlassReason,
				this.directiveId, this.explanation, this.requestId, this.correlationId, this.details, this.previousHash,
				this.hash);
	}

	/**
	 * The stored form of obligations: null when none, else the codes joined by commas.
	 */
	static String joinObligations(List<String> obligations) {
		return obligations.isEmpty() ? null : String.join(",", obligations);
	}

	/**
	 * The inverse of {@link #joinObligations(List)} for every string, so that a changed
	 * value stays visible.
	 */
	static List<String> splitObligations(String stored) {
		return (stored == null) ? List.of() : List.of(stored.split(",", -1));
	}

}
