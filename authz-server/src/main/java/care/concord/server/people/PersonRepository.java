package care.concord.server.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Persistence of {@link Person people} (tables {@code person} and {@code person_role})
 * over plain JDBC. Nothing is written behind the caller's back: a changed person is
 * stored by {@link #save(Person)}. The sign-in throttle's columns ({@code failed_logins},
 * {@code locked_until}) belong to {@code security.LoginThrottle} and are never written
 * here.
 */
public class PersonRepository {

	private static final String COLUMNS = "username, password_hash, display_name, nhs_number, enabled, created_at";

	/** Above this many people, roles are read in one scan rather than by username. */
	private static final int ROLES_BY_USERNAME_LIMIT = 200;

	private final JdbcOperations jdbc;

	public PersonRepository(JdbcOperations jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	public Optional<Person> findById(String username) {
		return people("SELECT " + COLUMNS + " FROM person WHERE username = ?", username).stream().findFirst();
	}

	public boolean existsById(String username) {
		return !this.jdbc.queryForList("SELECT username FROM person WHERE username = ?", String.class, username)
			.isEmpty();
	}

	public long count() {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM person", Long.class);
		return (count != null) ? count : 0;
	}

	/** Every person, by username. */
	public List<Person> findAllByOrderByUsernameAsc() {
		return people("SELECT " + COLUMNS + " FROM person ORDER BY username");
	}

	/** The account bound to that NHS number (at most one: the column is unique). */
	public Optional<Person> findByNhsNumber(String nhsNumber) {
		return people("SELECT " + COLUMNS + " FROM person WHERE nhs_number = ?", nhsNumber).stream().findFirst();
	}

	/** True when at least one enabled account holds the role. */
	public boolean existsEnabledWithRole(String role) {
		return !this.jdbc
			.queryForList("SELECT p.username FROM person p JOIN person_role r ON r.username = p.username"
					+ " WHERE r.role = ? AND p.enabled = TRUE FETCH FIRST 1 ROWS ONLY", String.class, role)
			.isEmpty();
	}

	/**
	 * The enabled holders of the role, their {@code person} rows locked until the
	 * transaction ends (serialises "last admin" checks). Call within a transaction.
	 */
	public List<Person> lockEnabledWithRole(String role) {
		return people("SELECT " + COLUMNS + " FROM person WHERE enabled = TRUE"
				+ " AND username IN (SELECT username FROM person_role WHERE role = ?) ORDER BY username FOR UPDATE",
				role);
	}

	/**
	 * Stores the person: when the username is stored already, updates the password hash,
	 * display name, NHS number, enabled flag and roles (username and creation time never
	 * change); inserts the person and roles otherwise. Call within a transaction, so that
	 * the person and roles change together.
	 * @return the person
	 */
	public Person save(Person person) {
		int updated = this.jdbc.update(
				"UPDATE person SET password_hash = ?, display_name = ?, nhs_number = ?, enabled = ? WHERE username = ?",
				person.getPasswordHash(), person.getDisplayName(), person.getNhsNumber(), person.isEnabled(),
				person.getUsername());
		Set<String> roles = new TreeSet<>(person.getRoles());
		if (updated == 0) {
			this.jdbc.update("INSERT INTO person (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", person.getUsername(),
					person.getPasswordHash(), person.getDisplayName(), person.getNhsNumber(), person.isEnabled(),
					OffsetDateTime.ofInstant(person.getCreatedAt(), ZoneOffset.UTC));
		}
		else {
			Set<String> stored = new TreeSet<>(this.jdbc.queryForList("SELECT role FROM person_role WHERE username = ?",
					String.class, person.getUsername()));
			for (String role : stored) {
				if (!roles.contains(role)) {
					this.jdbc.update("DELETE FROM person_role WHERE username = ? AND role = ?", person.getUsername(),
							role);
				}
			}
			roles.removeAll(stored);
		}
		for (String role : roles) {
			this.jdbc.update("INSERT INTO person_role (username, role) VALUES (?, ?)", person.getUsername(), role);
		}
		return person;
	}

	private List<Person> people(String sql, Object... args) {
		List<Row> rows = this.jdbc.query(sql, (rs, row) -> Row.read(rs), args);
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<String, Set<String>> roles = roles(rows);
		List<Person> people = new ArrayList<>(rows.size());
		for (Row row : rows) {
			people.add(row.person(roles.getOrDefault(row.username(), Set.of())));
		}
		return people;
	}

	private Map<String, Set<String>> roles(List<Row> rows) {
		Map<String, Set<String>> roles = new HashMap<>();
		if (rows.size() > ROLES_BY_USERNAME_LIMIT) {
			this.jdbc.query("SELECT username, role FROM person_role", (ResultSet rs) -> {
				roles.computeIfAbsent(rs.getString("username"), (username) -> new TreeSet<>())
					.add(rs.getString("role"));
			});
			return roles;
		}
		String placeholders = String.join(", ", Collections.nCopies(rows.size(), "?"));
		this.jdbc.query("SELECT username, role FROM person_role WHERE username IN (" + placeholders + ")",
				(ResultSet rs) -> {
					roles.computeIfAbsent(rs.getString("username"), (username) -> new TreeSet<>())
						.add(rs.getString("role"));
				}, rows.stream().map(Row::username).toArray());
		return roles;
	}

	private record Row(String username, String passwordHash, String displayName, String nhsNumber, boolean enabled,
			Instant createdAt) {

		static Row read(ResultSet rs) throws SQLException {
			return new Row(rs.getString("username"), rs.getString("password_hash"), rs.getString("display_name"),
					rs.getString("nhs_number"), rs.getBoolean("enabled"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant());
		}

		Person person(Set<String> roles) {
			return new Person(this.username, this.passwordHash, this.displayName, this.nhsNumber, this.enabled,
					this.createdAt, roles);
		}

	}

}
