package care.concord.server.consent.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import care.concord.policy.request.InvalidRequestException;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The break-glass review queue, read straight from the audit log: every {@code DECISION}
 * record with break glass that permitted access, joined with the reviews table
 * ({@code consent_break_glass_review}). Nothing has to be copied into a queue, so no
 * break-glass access can be missed, whichever node or path decided it.
 */
public final class BreakGlassReviews {

	private static final String SELECT = "SELECT a.seq, a.recorded_at, a.actor_agency, a.actor_client_id, "
			+ "a.actor_username, a.on_behalf_of, a.actor_role, a.subject_nhs_number, a.holder, a.category, a.purpose, "
			+ "a.break_glass_reason, r.justified, r.review_comment, r.reviewer, r.reviewed_at, r.review_audit_seq "
			+ "FROM audit_record a LEFT JOIN consent_break_glass_review r ON r.audit_seq = a.seq "
			+ "WHERE a.event_type = 'DECISION' AND a.break_glass = TRUE AND a.decision = 'permit'";

	private final JdbcTemplate jdbc;

	public BreakGlassReviews(JdbcTemplate jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	/** Which entries of the queue to list. */
	public enum Status {

		/** Not yet reviewed. */
		UNREVIEWED(" AND r.audit_seq IS NULL"),
		/** Reviewed. */
		REVIEWED(" AND r.audit_seq IS NOT NULL"),
		/** Every break-glass access. */
		ALL("");

		private final String condition;

		Status(String condition) {
			this.condition = condition;
		}

		/**
		 * The status with that code ({@code unreviewed}, {@code reviewed}, {@code all}).
		 * @throws InvalidRequestException (400) for any other code
		 */
		public static Status fromCode(String code) {
			for (Status status : values()) {
				if (status.name().toLowerCase(Locale.ROOT).equals(code)) {
					return status;
				}
			}
			throw new InvalidRequestException("status", "status must be unreviewed, reviewed or all");
		}

	}

	/** One page of break-glass accesses with that status, oldest first. */
	public List<BreakGlassAccess> page(Status status, int page, int size) {
		return this.jdbc.query(SELECT + status.condition + " ORDER BY a.seq LIMIT ? OFFSET ?", (rs, row) -> read(rs),
				size, (long) page * size);
	}

	/** How many break-glass accesses have that status. */
	public long count(Status status) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM (" + SELECT + status.condition + ") q", Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * The break-glass access audited with that sequence number, if that record is one.
	 */
	public Optional<BreakGlassAccess> find(long auditSeq) {
		return this.jdbc.query(SELECT + " AND a.seq = ?", (rs, row) -> read(rs), auditSeq).stream().findFirst();
	}

	/** Records a review; returns false when the access had been reviewed already. */
	public boolean insert(long auditSeq, boolean justified, String comment, String reviewer, Instant reviewedAt) {
		return this.jdbc.update(
				"INSERT INTO consent_break_glass_review (audit_seq, justified, review_comment, "
						+ "reviewer, reviewed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
				auditSeq, justified, comment, reviewer, OffsetDateTime.ofInstant(reviewedAt, ZoneOffset.UTC)) == 1;
	}

	/** Links a review to its own audit record. */
	public void linkAuditRecord(long auditSeq, long reviewAuditSeq) {
		this.jdbc.update("UPDATE consent_break_glass_review SET review_audit_seq = ? WHERE audit_seq = ?",
				reviewAuditSeq, auditSeq);
	}

	private static BreakGlassAccess read(ResultSet rs) throws SQLException {
		BreakGlassAccess.Review review = null;
		OffsetDateTime reviewedAt = rs.getObject("reviewed_at", OffsetDateTime.class);
		if (reviewedAt != null) {
			long reviewSeq = rs.getLong("review_audit_seq");
			review = new BreakGlassAccess.Review(rs.getBoolean("justified"), rs.getString("review_comment"),
					rs.getString("reviewer"), reviewedAt.toInstant(), rs.wasNull() ? null : reviewSeq);
		}
		return new BreakGlassAccess(rs.getLong("seq"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
				rs.getString("actor_agency"), rs.getString("actor_client_id"), rs.getString("actor_username"),
				rs.getString("on_behalf_of"), rs.getString("actor_role"), rs.getString("subject_nhs_number"),
				rs.getString("holder"), rs.getString("category"), rs.getString("purpose"),
				rs.getString("break_glass_reason"), review);
	}

}
