package care.concord.server.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The result of walking the audit chain: intact, or the first record at which it breaks.
 *
 * @param ok true when every record up to the chain head is present, unchanged and in
 * place
 * @param recordsChecked how many records were found intact before the first break (all of
 * them when ok)
 * @param headSequence the sequence number of the newest record according to the chain
 * head
 * @param firstBreak the first broken record, or null when ok
 */
public record ChainVerification(boolean ok, @JsonProperty("records_checked") long recordsChecked,
		@JsonProperty("head_sequence") long headSequence, @JsonProperty("first_break") ChainBreak firstBreak) {

	static ChainVerification intact(long recordsChecked, long headSequence) {
		return new ChainVerification(true, recordsChecked, headSequence, null);
	}

	static ChainVerification broken(long recordsChecked, long headSequence, ChainBreak firstBreak) {
		return new ChainVerification(false, recordsChecked, headSequence, firstBreak);
	}

	/**
	 * One line for people: "audit chain intact: 42 records" or the break's description.
	 */
	public String summary() {
		if (this.ok) {
			return "audit chain intact: " + this.recordsChecked + " records";
		}
		return "audit chain BROKEN at record #" + this.firstBreak.sequence() + " (" + this.firstBreak.kind() + "): "
				+ this.firstBreak.message() + "; " + this.recordsChecked + " records intact before it";
	}

}
