package care.concord.server.consent.proxy;

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
 * The proxies citizens named (table {@code consent_proxy}).
 */
public final class ProxyStore {

	private static final String COLUMNS = "nhs_number, citizen_username, proxy_username, created_at";

	private final JdbcTemplate jdbc;

	public ProxyStore(JdbcTemplate jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	/** The grant of that citizen to that proxy, if the citizen named them. */
	public Optional<ProxyGrant> find(NhsNumber subject, String proxyUsername) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM consent_proxy WHERE nhs_number = ? AND proxy_username = ?",
					(rs, row) -> read(rs), subject.value(), proxyUsername)
			.stream()
			.findFirst();
	}

	/** The proxies the citizen named, by username. */
	public List<ProxyGrant> proxiesOf(NhsNumber subject) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM consent_proxy WHERE nhs_number = ? ORDER BY proxy_username",
				(rs, row) -> read(rs), subject.value());
	}

	/** The citizens who named the account as their proxy, by username. */
	public List<ProxyGrant> citizensOf(String proxyUsername) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM consent_proxy WHERE proxy_username = ? ORDER BY citizen_username",
				(rs, row) -> read(rs), proxyUsername);
	}

	/** Stores a grant; returns false when the citizen had already named that proxy. */
	public boolean insert(ProxyGrant grant) {
		return this.jdbc.update(
				"INSERT INTO consent_proxy (" + COLUMNS + ") VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
				grant.subject().value(), grant.citizenUsername(), grant.proxyUsername(),
				OffsetDateTime.ofInstant(grant.createdAt(), ZoneOffset.UTC)) == 1;
	}

	/** Removes a grant; returns false when there was none. */
	public boolean delete(NhsNumber subject, String proxyUsername) {
		return this.jdbc.update("DELETE FROM consent_proxy WHERE nhs_number = ? AND proxy_username = ?",
				subject.value(), proxyUsername) == 1;
	}

	private static ProxyGrant read(ResultSet rs) throws SQLException {
		return new ProxyGrant(NhsNumber.parse(rs.getString("nhs_number")), rs.getString("citizen_username"),
				rs.getString("proxy_username"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
