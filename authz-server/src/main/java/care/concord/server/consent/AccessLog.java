package care.concord.server.consent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditPage;
import care.concord.server.audit.AuditQuery;
import care.concord.server.audit.AuditRecord;
import care.concord.server.audit.AuditSearch;

/**
 * "Who accessed my data": the decisions the audit log holds about a citizen (permits and
 * denies, break glass included), newest first, read through the audit feature's
 * {@link AuditSearch}.
 */
public final class AccessLog {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Largest page served. */
	public static final int MAX_PAGE_SIZE = 100;

	private final AuditSearch search;

	public AccessLog(AuditSearch search) {
		this.search = Objects.requireNonNull(search, "search");
	}

	/** One page of the decisions about the citizen, newest first. */
	public Page page(NhsNumber subject, int page, int size) {
		AuditQuery query = new AuditQuery(subject, null, null, null, null, null, null, null, AuditEventType.DECISION);
		AuditPage records = this.search.search(query, page, Math.min(size, MAX_PAGE_SIZE));
		return new Page(records.records().stream().map(Entry::of).toList(), records.page(), records.size(),
				records.totalRecords());
	}

	/**
	 * One page of the access log.
	 *
	 * @param entries the decisions, newest first
	 * @param page the page number, from 0
	 * @param size the page size
	 * @param total how many decisions there are about the citizen
	 */
	public record Page(List<Entry> entries, int page, int size, long total) {
	}

	/**
	 * One decision about the citizen.
	 *
	 * @param seq the audit record's sequence number
	 * @param time when it was decided
	 * @param agency the requesting organisation's code
	 * @param clientId the requesting system
	 * @param username the practitioner, when known
	 * @param role the practitioner's role
	 * @param holder the organisation holding the data
	 * @param category the data category asked for
	 * @param purpose the purpose of use
	 * @param decision permit or deny
	 * @param reason the decision's reason code
	 * @param breakGlass whether the practitioner broke the glass
	 * @param breakGlassReason the reason they gave
	 * @param explanation a plain-English sentence saying why
	 */
	public record Entry(long seq, Instant time, String agency, @JsonProperty("client_id") String clientId,
			String username, String role, String holder, String category, String purpose, String decision,
			String reason, @JsonProperty("break_glass") boolean breakGlass,
			@JsonProperty("break_glass_reason") String breakGlassReason, String explanation) {

		static Entry of(AuditRecord record) {
			return new Entry(record.sequence(), record.recordedAt(), record.actorAgency(), record.actorClientId(),
					record.actorUsername(), record.role(), record.holder(), record.category(), record.purpose(),
					record.decision(), record.reasonCode(), record.breakGlass(), record.breakGlassReason(),
					citizenExplanation(record));
		}

		/**
		 * The explanation in the citizen's own words (second person), kept in the
		 * record's details; older records without it show the record's explanation.
		 */
		static String citizenExplanation(AuditRecord record) {
			if (record.details() != null) {
				try {
					JsonNode text = JSON.readTree(record.details()).get(AuditEvent.CITIZEN_EXPLANATION);
					if (text != null && text.isString()) {
						return text.asString();
					}
				}
				catch (JacksonException ex) {
					// not expected: the audit log writes the details itself; fall back to
					// the explanation
				}
			}
			return record.explanation();
		}

	}

}
