package care.concord.server.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The mapping between {@link AuditRecord} and the {@code audit_record} table, shared by
 * the writer, the verifier and the search so that all three read and write the same
 * columns the same way.
 */
final class AuditRecordRows {

	/** Every column, in {@link AuditRecord} component order. */
	static final String COLUMNS = "seq, recorded_at, event_type, actor_agency, actor_client_id, actor_username, "
			+ "on_behalf_of, subject_nhs_number, holder, category, purpose, actor_role, decision, reason_code, "
			+ "obligations, break_glass, break_glass_reason, directive_id, explanation, request_id, "
			+ "correlation_id, details, prev_hash, record_hash";

	static final String INSERT = "INSERT INTO audit_record (" + COLUMNS + ") VALUES "
			+ "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private AuditRecordRows() {
	}

	static void bind(PreparedStatement statement, AuditRecord record) throws SQLException {
		statement.setLong(1, record.sequence());
		statement.setObject(2, OffsetDateTime.ofInstant(record.recordedAt(), ZoneOffset.UTC));
		statement.setString(3, record.eventType());
		statement.setString(4, record.actorAgency());
		statement.setString(5, record.actorClientId());
		statement.setString(6, record.actorUsername());
		statement.setString(7, record.onBehalfOf());
		statement.setString(8, record.subjectNhsNumber());
		statement.setString(9, record.holder());
		statement.setString(10, record.category());
		statement.setString(11, record.purpose());
		statement.setString(12, record.role());
		statement.setString(13, record.decision());
		statement.setString(14, record.reasonCode());
		statement.setString(15, AuditRecord.joinObligations(record.obligations()));
		statement.setBoolean(16, record.breakGlass());
		statement.setString(17, record.breakGlassReason());
		statement.setString(18, record.directiveId());
		statement.setString(19, record.explanation());
		statement.setString(20, record.requestId());
		statement.setString(21, record.correlationId());
		statement.setString(22, record.details());
		statement.setString(23, record.previousHash());
		statement.setString(24, record.hash());
	}

	/** The record at the result set's current row, selected with {@link #COLUMNS}. */
	static AuditRecord read(ResultSet rs) throws SQLException {
		OffsetDateTime recordedAt = rs.getObject(2, OffsetDateTime.class);
		return new AuditRecord(rs.getLong(1), (recordedAt != null) ? recordedAt.toInstant() : null, rs.getString(3),
				rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
				rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
				AuditRecord.splitObligations(rs.getString(15)), rs.getBoolean(16), rs.getString(17), rs.getString(18),
				rs.getString(19), rs.getString(20), rs.getString(21), rs.getString(22), rs.getString(23),
				rs.getString(24));
	}

}
