package care.concord.server.consent.receipt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import care.concord.identity.nhs.NhsNumber;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stored consent receipts (table {@code consent_receipt}). Every read is by citizen:
 * a receipt is found only together with the NHS number it belongs to, so one citizen's id
 * never reaches another's receipt.
 */
public final class ReceiptStore {

	private static final String COLUMNS = "receipt_id, nhs_number, issued_at, consent_version, action, "
			+ "actor_username, on_behalf_of, key_id, jws";

	private final JdbcTemplate jdbc;

	public ReceiptStore(JdbcTemplate jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	/** Stores a receipt. */
	public void insert(ConsentReceipt receipt) {
		this.jdbc.update("INSERT INTO consent_receipt (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				receipt.id(), receipt.nhsNumber(), OffsetDateTime.ofInstant(receipt.issuedAt(), ZoneOffset.UTC),
				receipt.consentVersion(), receipt.action(), receipt.actor(), receipt.onBehalfOf(), receipt.keyId(),
				receipt.jws());
	}

	/** The citizen's receipt with that id, if it is theirs. */
	public Optional<ConsentReceipt> find(NhsNumber subject, String id) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM consent_receipt WHERE nhs_number = ? AND receipt_id = ?",
					(rs, row) -> read(rs), subject.value(), id)
			.stream()
			.findFirst();
	}

	/** One page of the citizen's receipts, newest first. */
	public List<ConsentReceipt> page(NhsNumber subject, int page, int size) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM consent_receipt WHERE nhs_number = ? "
						+ "ORDER BY issued_at DESC, consent_version DESC LIMIT ? OFFSET ?",
				(rs, row) -> read(rs), subject.value(), size, (long) page * size);
	}

	/** How many receipts the citizen has. */
	public long count(NhsNumber subject) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM consent_receipt WHERE nhs_number = ?", Long.class,
				subject.value());
		return (count != null) ? count : 0;
	}

	private static ConsentReceipt read(ResultSet rs) throws SQLException {
		return new ConsentReceipt(rs.getString("receipt_id"), rs.getString("nhs_number"),
				rs.getObject("issued_at", OffsetDateTime.class).toInstant(), rs.getLong("consent_version"),
				rs.getString("action"), rs.getString("actor_username"), rs.getString("on_behalf_of"),
				rs.getString("key_id"), rs.getString("jws"));
	}

}
