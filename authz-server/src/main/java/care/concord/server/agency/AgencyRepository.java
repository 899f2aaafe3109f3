package care.concord.server.agency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import care.concord.policy.request.OrgType;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Persistence of {@link Agency agencies} (table {@code agency}) over plain JDBC. Nothing
 * is written behind the caller's back: a changed agency is stored by
 * {@link #save(Agency)}.
 */
public class AgencyRepository {

	private static final String COLUMNS = "code, name, org_type, town, enabled, created_at, updated_at";

	private final JdbcOperations jdbc;

	public AgencyRepository(JdbcOperations jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	public Optional<Agency> findById(String code) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM agency WHERE code = ?", (rs, row) -> read(rs), code)
			.stream()
			.findFirst();
	}

	public boolean existsById(String code) {
		return !this.jdbc.queryForList("SELECT code FROM agency WHERE code = ?", String.class, code).isEmpty();
	}

	/** Every agency, by code. */
	public List<Agency> findAllByOrderByCodeAsc() {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM agency ORDER BY code", (rs, row) -> read(rs));
	}

	/** Every agency, by code. */
	public List<Agency> findAll() {
		return findAllByOrderByCodeAsc();
	}

	/** The agencies with those codes (unknown codes are left out), by code. */
	public List<Agency> findAllById(Collection<String> codes) {
		if (codes.isEmpty()) {
			return List.of();
		}
		String placeholders = String.join(", ", Collections.nCopies(codes.size(), "?"));
		return this.jdbc.query("SELECT " + COLUMNS + " FROM agency WHERE code IN (" + placeholders + ") ORDER BY code",
				(rs, row) -> read(rs), codes.toArray());
	}

	/**
	 * Stores the agency: updates it when its code is stored already (the code and
	 * creation time never change), inserts it otherwise.
	 * @return the agency
	 */
	public Agency save(Agency agency) {
		int updated = this.jdbc.update(
				"UPDATE agency SET name = ?, org_type = ?, town = ?, enabled = ?, updated_at = ? WHERE code = ?",
				agency.getName(), agency.getOrgType().code(), agency.getTown(), agency.isEnabled(),
				timestamp(agency.getUpdatedAt()), agency.getCode());
		if (updated == 0) {
			this.jdbc.update("INSERT INTO agency (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", agency.getCode(),
					agency.getName(), agency.getOrgType().code(), agency.getTown(), agency.isEnabled(),
					timestamp(agency.getCreatedAt()), timestamp(agency.getUpdatedAt()));
		}
		return agency;
	}

	private static Agency read(ResultSet rs) throws SQLException {
		return new Agency(rs.getString("code"), rs.getString("name"), OrgType.fromCode(rs.getString("org_type")),
				rs.getString("town"), rs.getBoolean("enabled"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
