package care.concord.server.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.nhs.NhsNumber;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link IdentityStore} over the V10 tables ({@code identity_person},
 * {@code identity_record}, {@code identity_blocking_key}, {@code identity_review},
 * {@code identity_write_lock}), on H2 or PostgreSQL. Candidates are found with
 * {@code WHERE blocking_key IN (...)} on the key table's primary key index.
 */
public final class JdbcIdentityStore implements IdentityStore {

	private static final String RECORD_COLUMNS = "r.record_id, r.org_code, r.local_id, r.person_id, "
			+ "p.nhs_number AS person_nhs_number, r.nhs_number, r.given_name, r.given_canonical, r.family_name, "
			+ "r.date_of_birth, r.postcode, r.street_number, r.street, r.locality, r.method, r.score, r.review_id, "
			+ "r.created_at, r.updated_at";

	private static final String RECORDS = "SELECT " + RECORD_COLUMNS
			+ " FROM identity_record r LEFT JOIN identity_person p ON p.person_id = r.person_id";

	private static final String REVIEW_COLUMNS = "review_id, record_id, status, reason, proposed_person_id, "
			+ "previous_person_id, score, created_at, decided_at, decided_by, decision_reason, person_id";

	/** Keys per IN list: well below every driver's parameter limit. */
	private static final int KEYS_PER_QUERY = 100;

	private final JdbcTemplate jdbc;

	public JdbcIdentityStore(JdbcTemplate jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	@Override
	public void lockForWrite() {
		this.jdbc.queryForList("SELECT id FROM identity_write_lock WHERE id = 1 FOR UPDATE", Integer.class);
	}

	@Override
	public Optional<LinkedRecord> findRecord(String orgCode, String localId) {
		return first(this.jdbc.query(RECORDS + " WHERE r.org_code = ? AND r.local_id = ?", (rs, row) -> record(rs),
				orgCode, localId));
	}

	@Override
	public Optional<LinkedRecord> findRecordById(String recordId) {
		return first(this.jdbc.query(RECORDS + " WHERE r.record_id = ?", (rs, row) -> record(rs), recordId));
	}

	@Override
	public List<LinkedRecord> recordsOfPerson(UUID personId) {
		return this.jdbc.query(RECORDS + " WHERE r.person_id = ? ORDER BY r.created_at, r.record_id",
				(rs, row) -> record(rs), personId.toString());
	}

	@Override
	public List<LinkedRecord> candidates(Collection<String> keys, String excludeRecordId, int maxBlockSize,
			int maxCandidates) {
		List<String> usable = new ArrayList<>();
		for (List<String> chunk : chunks(new ArrayList<>(new LinkedHashSet<>(keys)))) {
			// Oversized blocks are skipped, as in identity-matching's PersonIndex: they
			// separate nothing.
			usable.addAll(this.jdbc.queryForList(
					"SELECT blocking_key FROM identity_blocking_key WHERE blocking_key IN ("
							+ placeholders(chunk.size()) + ") GROUP BY blocking_key HAVING count(*) <= ?",
					String.class, append(chunk, maxBlockSize)));
		}
		if (usable.isEmpty()) {
			return List.of();
		}
		Collections.sort(usable);
		LinkedHashSet<String> ids = new LinkedHashSet<>();
		for (List<String> chunk : chunks(usable)) {
			ids.addAll(this.jdbc
				.queryForList("SELECT DISTINCT record_id FROM identity_blocking_key WHERE blocking_key IN ("
						+ placeholders(chunk.size()) + ")", String.class, chunk.toArray()));
		}
		ids.remove(excludeRecordId);
		List<String> selected = new ArrayList<>(ids);
		Collections.sort(selected);
		if (selected.size() > maxCandidates) {
			selected = selected.subList(0, maxCandidates);
		}
		List<LinkedRecord> out = new ArrayList<>(selected.size());
		for (List<String> chunk : chunks(selected)) {
			out.addAll(this.jdbc.query(
					RECORDS + " WHERE r.person_id IS NOT NULL AND r.record_id IN (" + placeholders(chunk.size()) + ")",
					(rs, row) -> record(rs), chunk.toArray()));
		}
		return out;
	}

	@Override
	public Optional<IdentityPerson> findPerson(UUID personId) {
		return first(this.jdbc.query("SELECT person_id, nhs_number FROM identity_person WHERE person_id = ?",
				(rs, row) -> person(rs), personId.toString()));
	}

	@Override
	public Optional<IdentityPerson> findPersonByNhsNumber(NhsNumber nhsNumber) {
		return first(this.jdbc.query("SELECT person_id, nhs_number FROM identity_person WHERE nhs_number = ?",
				(rs, row) -> person(rs), nhsNumber.value()));
	}

	@Override
	public void insertPerson(IdentityPerson person, Instant now) {
		this.jdbc.update(
				"INSERT INTO identity_person (person_id, nhs_number, created_at, updated_at) " + "VALUES (?, ?, ?, ?)",
				person.personId().toString(), value(person.nhsNumber()), timestamp(now), timestamp(now));
	}

	@Override
	public void setPersonNhsNumber(UUID personId, NhsNumber nhsNumber, Instant now) {
		int updated = this.jdbc.update("UPDATE identity_person SET nhs_number = ?, updated_at = ? WHERE person_id = ?",
				nhsNumber.value(), timestamp(now), personId.toString());
		if (updated != 1) {
			throw new IllegalStateException("no person " + personId);
		}
	}

	@Override
	public void insertRecord(LinkedRecord record, Collection<String> keys) {
		StandardisedPerson d = record.demographics();
		this.jdbc.update("INSERT INTO identity_record (record_id, org_code, local_id, person_id, nhs_number, "
				+ "given_name, given_canonical, family_name, date_of_birth, postcode, street_number, street, locality, "
				+ "method, score, review_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
				+ "?, ?, ?, ?)", record.recordId(), record.orgCode(), record.localId(), text(record.personId()),
				value(record.submittedNhsNumber()), d.givenName(), d.givenCanonical(), d.familyName(), d.dateOfBirth(),
				d.postcode(), d.streetNumber(), d.street(), d.locality(), record.method().code(), record.score(),
				text(record.reviewId()), timestamp(record.createdAt()), timestamp(record.updatedAt()));
		insertKeys(record.recordId(), keys);
	}

	@Override
	public void updateRecord(LinkedRecord record, Collection<String> keys) {
		StandardisedPerson d = record.demographics();
		int updated = this.jdbc.update("UPDATE identity_record SET person_id = ?, nhs_number = ?, given_name = ?, "
				+ "given_canonical = ?, family_name = ?, date_of_birth = ?, postcode = ?, street_number = ?, street = ?, "
				+ "locality = ?, method = ?, score = ?, review_id = ?, updated_at = ? WHERE record_id = ?",
				text(record.personId()), value(record.submittedNhsNumber()), d.givenName(), d.givenCanonical(),
				d.familyName(), d.dateOfBirth(), d.postcode(), d.streetNumber(), d.street(), d.locality(),
				record.method().code(), record.score(), text(record.reviewId()), timestamp(record.updatedAt()),
				record.recordId());
		if (updated != 1) {
			throw new IllegalStateException("no record " + record.recordId());
		}
		if (keys != null) {
			this.jdbc.update("DELETE FROM identity_blocking_key WHERE record_id = ?", record.recordId());
			insertKeys(record.recordId(), keys);
		}
	}

	private void insertKeys(String recordId, Collection<String> keys) {
		List<Object[]> rows = new ArrayList<>();
		for (String key : new LinkedHashSet<>(keys)) {
			rows.add(new Object[] { key, recordId });
		}
		if (!rows.isEmpty()) {
			this.jdbc.batchUpdate("INSERT INTO identity_blocking_key (blocking_key, record_id) VALUES (?, ?)", rows);
		}
	}

	@Override
	public Optional<NhsNumber> nhsNumberForLocalId(String orgCode, String localId) {
		return first(this.jdbc.query("SELECT p.nhs_number FROM identity_record r JOIN identity_person p "
				+ "ON p.person_id = r.person_id WHERE r.org_code = ? AND r.local_id = ? AND p.nhs_number IS NOT NULL",
				(rs, row) -> NhsNumber.parse(rs.getString(1)), orgCode, localId));
	}

	@Override
	public void insertReview(IdentityReview review) {
		this.jdbc.update(
				"INSERT INTO identity_review (" + REVIEW_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + "?, ?)",
				review.reviewId().toString(), review.recordId(), review.status().code(), review.reason().code(),
				text(review.proposedPersonId()), text(review.previousPersonId()), review.score(),
				timestamp(review.createdAt()), timestamp(review.decidedAt()), review.decidedBy(),
				review.decisionReason(), text(review.personId()));
	}

	@Override
	public void updateReview(IdentityReview review) {
		int updated = this.jdbc.update(
				"UPDATE identity_review SET status = ?, reason = ?, proposed_person_id = ?, "
						+ "score = ?, decided_at = ?, decided_by = ?, decision_reason = ?, person_id = ? "
						+ "WHERE review_id = ? AND status = 'pending'",
				review.status().code(), review.reason().code(), text(review.proposedPersonId()), review.score(),
				timestamp(review.decidedAt()), review.decidedBy(), review.decisionReason(), text(review.personId()),
				review.reviewId().toString());
		if (updated != 1) {
			// the row changed state under us: decided reviews are final
			throw new IllegalStateException("review " + review.reviewId() + " is no longer pending");
		}
	}

	@Override
	public Optional<IdentityReview> findReview(UUID reviewId) {
		return first(this.jdbc.query("SELECT " + REVIEW_COLUMNS + " FROM identity_review WHERE review_id = ?",
				(rs, row) -> review(rs), reviewId.toString()));
	}

	@Override
	public List<IdentityReview> reviews(ReviewStatus status, int page, int size) {
		return this.jdbc.query(
				"SELECT " + REVIEW_COLUMNS + " FROM identity_review WHERE status = ? "
						+ "ORDER BY created_at, review_id LIMIT ? OFFSET ?",
				(rs, row) -> review(rs), status.code(), size, (long) page * size);
	}

	@Override
	public long countReviews(ReviewStatus status) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM identity_review WHERE status = ?", Long.class,
				status.code());
		return (count != null) ? count : 0;
	}

	private static LinkedRecord record(ResultSet rs) throws SQLException {
		String recordId = rs.getString("record_id");
		StandardisedPerson demographics = new StandardisedPerson(recordId, rs.getString("given_name"),
				rs.getString("given_canonical"), rs.getString("family_name"), rs.getString("date_of_birth"), true,
				rs.getString("postcode"), rs.getString("street_number"), rs.getString("street"),
				rs.getString("locality"), null, null, null);
		double score = rs.getDouble("score");
		Double weight = rs.wasNull() ? null : score;
		return new LinkedRecord(recordId, rs.getString("org_code"), rs.getString("local_id"),
				uuid(rs.getString("person_id")), nhs(rs.getString("person_nhs_number")),
				nhs(rs.getString("nhs_number")), demographics, LinkMethod.fromCode(rs.getString("method")), weight,
				uuid(rs.getString("review_id")), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private static IdentityPerson person(ResultSet rs) throws SQLException {
		return new IdentityPerson(UUID.fromString(rs.getString("person_id")), nhs(rs.getString("nhs_number")));
	}

	private static IdentityReview review(ResultSet rs) throws SQLException {
		double score = rs.getDouble("score");
		Double weight = rs.wasNull() ? null : score;
		String status = rs.getString("status");
		ReviewStatus state = switch (status) {
			case "pending" -> ReviewStatus.PENDING;
			case "accepted" -> ReviewStatus.ACCEPTED;
			case "rejected" -> ReviewStatus.REJECTED;
			default -> throw new IllegalStateException("unknown review status '" + status + "'");
		};
		return new IdentityReview(UUID.fromString(rs.getString("review_id")), rs.getString("record_id"), state,
				ReviewReason.fromCode(rs.getString("reason")), uuid(rs.getString("proposed_person_id")),
				uuid(rs.getString("previous_person_id")), weight, instant(rs, "created_at"), instant(rs, "decided_at"),
				rs.getString("decided_by"), rs.getString("decision_reason"), uuid(rs.getString("person_id")));
	}

	private static <T> Optional<T> first(List<T> rows) {
		return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
	}

	private static List<List<String>> chunks(List<String> values) {
		List<List<String>> chunks = new ArrayList<>();
		for (int i = 0; i < values.size(); i += KEYS_PER_QUERY) {
			chunks.add(values.subList(i, Math.min(values.size(), i + KEYS_PER_QUERY)));
		}
		return chunks;
	}

	private static Object[] append(List<String> values, Object last) {
		Object[] args = new Object[values.size() + 1];
		for (int i = 0; i < values.size(); i++) {
			args[i] = values.get(i);
		}
		args[values.size()] = last;
		return args;
	}

	private static String placeholders(int n) {
		return String.join(", ", Collections.nCopies(n, "?"));
	}

	private static String text(UUID id) {
		return (id != null) ? id.toString() : null;
	}

	private static String value(NhsNumber nhs) {
		return (nhs != null) ? nhs.value() : null;
	}

	private static UUID uuid(String text) {
		return (text != null) ? UUID.fromString(text) : null;
	}

	private static NhsNumber nhs(String digits) {
		return (digits != null) ? NhsNumber.parse(digits) : null;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
