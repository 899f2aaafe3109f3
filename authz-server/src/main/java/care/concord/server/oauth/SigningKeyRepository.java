package care.concord.server.oauth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Persistence of {@link SigningKey signing keys} (table {@code signing_key}) over plain
 * JDBC. Nothing is written behind the caller's back: a changed key is stored by
 * {@link #save(SigningKey)}.
 */
public class SigningKeyRepository {

	private static final String COLUMNS = "kid, algorithm, private_key, public_key, created_at, status, not_after";

	private final JdbcOperations jdbc;

	public SigningKeyRepository(JdbcOperations jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	/** The keys of that status, newest first. */
	public List<SigningKey> findByStatusOrderByCreatedAtDesc(SigningKeyStatus status) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM signing_key WHERE status = ? ORDER BY created_at DESC",
				(rs, row) -> read(rs), status.code());
	}

	/** Every stored key, newest first. */
	public List<SigningKey> findAllByOrderByCreatedAtDesc() {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM signing_key ORDER BY created_at DESC",
				(rs, row) -> read(rs));
	}

	public Optional<SigningKey> findById(String kid) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM signing_key WHERE kid = ?", (rs, row) -> read(rs), kid)
			.stream()
			.findFirst();
	}

	public long count() {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM signing_key", Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * Stores the key: updates its mutable columns (private key, status, not after) when
	 * the key id is stored already, inserts it otherwise.
	 * @return the key
	 */
	public SigningKey save(SigningKey key) {
		int updated = this.jdbc.update(
				"UPDATE signing_key SET private_key = ?, status = ?, not_after = ? WHERE kid = ?", key.getPrivateKey(),
				key.getStatus().code(), timestamp(key.getNotAfter()), key.getKid());
		if (updated == 0) {
			this.jdbc.update("INSERT INTO signing_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", key.getKid(),
					key.getAlgorithm(), key.getPrivateKey(), key.getPublicKey(), timestamp(key.getCreatedAt()),
					key.getStatus().code(), timestamp(key.getNotAfter()));
		}
		return key;
	}

	private static SigningKey read(ResultSet rs) throws SQLException {
		return new SigningKey(rs.getString("kid"), rs.getString("algorithm"), rs.getString("private_key"),
				rs.getString("public_key"), instant(rs, "created_at"),
				SigningKeyStatus.fromCode(rs.getString("status")), instant(rs, "not_after"));
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
