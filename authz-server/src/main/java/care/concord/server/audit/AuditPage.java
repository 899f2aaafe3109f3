package care.concord.server.audit;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of audit records, newest first, with the totals a pager needs.
 *
 * @param records the records on this page, newest (highest sequence number) first
 * @param page the page number, from 0
 * @param size the page size used (after capping)
 * @param totalRecords how many records match the query
 * @param totalPages how many pages of this size the matches fill
 */
public record AuditPage(List<AuditRecord> records, int page, int size, @JsonProperty("total_records") long totalRecords,
		@JsonProperty("total_pages") long totalPages) {

	public AuditPage {
		records = List.copyOf(records);
	}

}
