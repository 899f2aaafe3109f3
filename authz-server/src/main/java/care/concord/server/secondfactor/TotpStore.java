package care.concord.server.secondfactor;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * People's TOTP secrets ({@code person_totp}). A code's step is used at most once, on
 * every node: the update that records it succeeds only while the stored last step is
 * older.
 */
public class TotpStore {

	/** A person's secret and whether they have confirmed it with a code. */
	public record Secret(String secret, boolean confirmed) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	public TotpStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Optional<Secret> find(String username) {
		return this.jdbc.sql("SELECT secret, confirmed FROM person_totp WHERE username = ?")
			.param(username)
			.query((rs, n) -> new Secret(rs.getString(1), rs.getBoolean(2)))
			.optional();
	}

	/** The unconfirmed secret of the person, made now if they have none. */
	public Secret enrolment(String username) {
		Optional<Secret> existing = find(username);
		if (existing.isPresent()) {
			return existing.get();
		}
		this.jdbc
			.sql("INSERT INTO person_totp (username, secret, confirmed, last_used_step, created_at)"
					+ " VALUES (?, ?, FALSE, 0, ?)")
			.params(username, Totp.newSecret(), Timestamp.from(this.clock.instant()))
			.update();
		return find(username).orElseThrow();
	}

	/**
	 * Records a code's step as used (and the secret as confirmed); false when it, or a
	 * later one, was used.
	 */
	public boolean use(String username, long step) {
		return this.jdbc
			.sql("UPDATE person_totp SET last_used_step = ?, confirmed = TRUE"
					+ " WHERE username = ? AND last_used_step < ?")
			.params(step, username, step)
			.update() == 1;
	}

	/**
	 * Removes a person's secret (an administrator's reset: the person enrols again at the
	 * next sign-in).
	 */
	public boolean reset(String username) {
		return this.jdbc.sql("DELETE FROM person_totp WHERE username = ?").param(username).update() == 1;
	}

}
