package care.concord.server.agency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcOperations;

import static care.concord.server.agency.AgencyRepository.instant;
import static care.concord.server.agency.AgencyRepository.timestamp;

/**
 * Persistence of {@link AgencyClient agency clients} (table {@code agency_client}) over
 * plain JDBC. Nothing is written behind the caller's back: a changed link is stored by
 * {@link #save(AgencyClient)}.
 */
public class AgencyClientRepository {

	private static final String COLUMNS = "client_id, agency_code, registered_client_id, enabled, created_at, "
			+ "secret_rotated_at";

	private final JdbcOperations jdbc;

	public AgencyClientRepository(JdbcOperations jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	public Optional<AgencyClient> findById(String clientId) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM agency_client WHERE client_id = ?", (rs, row) -> read(rs), clientId)
			.stream()
			.findFirst();
	}

	/** Every agency's clients, by client id. */
	public List<AgencyClient> findAllOrderByClientIdAsc() {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM agency_client ORDER BY client_id", (rs, row) -> read(rs));
	}

	/** The agency's clients, by client id. */
	public List<AgencyClient> findByAgencyCodeOrderByClientIdAsc(String agencyCode) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM agency_client WHERE agency_code = ? ORDER BY client_id",
				(rs, row) -> read(rs), agencyCode);
	}

	/**
	 * Stores the link: updates its enabled flag and secret rotation time when the client
	 * id is stored already (agency, registered client and creation time never change),
	 * inserts it otherwise.
	 * @return the link
	 */
	public AgencyClient save(AgencyClient client) {
		int updated = this.jdbc.update(
				"UPDATE agency_client SET enabled = ?, secret_rotated_at = ? WHERE client_id = ?", client.isEnabled(),
				timestamp(client.getSecretRotatedAt()), client.getClientId());
		if (updated == 0) {
			this.jdbc.update("INSERT INTO agency_client (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
					client.getClientId(), client.getAgencyCode(), client.getRegisteredClientId(), client.isEnabled(),
					timestamp(client.getCreatedAt()), timestamp(client.getSecretRotatedAt()));
		}
		return client;
	}

	private static AgencyClient read(ResultSet rs) throws SQLException {
		return new AgencyClient(rs.getString("client_id"), rs.getString("agency_code"),
				rs.getString("registered_client_id"), rs.getBoolean("enabled"), instant(rs, "created_at"),
				instant(rs, "secret_rotated_at"));
	}

}
