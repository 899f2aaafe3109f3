package care.concord.server.audit;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The first place the audit chain is broken: which record, what kind of tampering it
 * shows, and the hash the chain expected against the hash found.
 *
 * @param sequence the sequence number of the first broken (or missing) record
 * @param kind what the break shows
 * @param expectedHash the hash the chain requires there (recomputed from the values, or
 * committed to by the next record or the chain head); null when unknown
 * @param foundHash the hash actually stored there; null when the record is missing
 * @param message a sentence for people saying what was found
 */
public record ChainBreak(long sequence, Kind kind, @JsonProperty("expected_hash") String expectedHash,
		@JsonProperty("found_hash") String foundHash, String message) {

	/** What kind of tampering a break shows. */
	public enum Kind {

		/**
		 * The record's values no longer match its hash, or it was rewritten and rehashed.
		 */
		CHANGED,

		/**
		 * The record is missing: a gap in the sequence, a truncated tail, or no chain
		 * head.
		 */
		DELETED,

		/**
		 * The record is intact but sits at another sequence number than the one it was
		 * written at.
		 */
		REORDERED,

		/**
		 * The chain is intact but ends before a signed checkpoint shows it once reached:
		 * its tail (and the head) was lost or deleted.
		 */
		TRUNCATED;

		/** The JSON form: {@code changed}, {@code deleted} or {@code reordered}. */
		@JsonValue
		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
