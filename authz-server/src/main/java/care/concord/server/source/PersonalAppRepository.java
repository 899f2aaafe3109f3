package care.concord.server.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import care.concord.policy.request.Category;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.util.Assert;

/** Personal apps in the {@code personal_app} table (H2 and PostgreSQL). */
public final class PersonalAppRepository {

	private static final String COLUMNS = "client_id, name, categories, enabled, created_at";

	private final JdbcOperations jdbc;

	public PersonalAppRepository(JdbcOperations jdbc) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.jdbc = jdbc;
	}

	public void insert(PersonalApp app) {
		this.jdbc.update("INSERT INTO personal_app (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", app.clientId(),
				app.name(), String.join(" ", app.categoryCodes()), app.enabled(), Timestamp.from(app.createdAt()));
	}

	public Optional<PersonalApp> findById(String clientId) {
		if (clientId == null || clientId.length() > 100) {
			return Optional.empty();
		}
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM personal_app WHERE client_id = ?", PersonalAppRepository::row, clientId)
			.stream()
			.findFirst();
	}

	public List<PersonalApp> findAll() {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM personal_app ORDER BY name, client_id",
				PersonalAppRepository::row);
	}

	/** Sets whether the app is enabled; false when there is no such app. */
	public boolean setEnabled(String clientId, boolean enabled) {
		return this.jdbc.update("UPDATE personal_app SET enabled = ? WHERE client_id = ?", enabled, clientId) == 1;
	}

	private static PersonalApp row(ResultSet rs, int rowNum) throws SQLException {
		return new PersonalApp(rs.getString("client_id"), rs.getString("name"),
				Arrays.stream(rs.getString("categories").split(" ")).map(Category::fromCode).toList(),
				rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant());
	}

}
