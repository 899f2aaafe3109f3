package care.concord.server.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Directive;
import care.concord.policy.citizen.DirectiveStatus;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link ConsentStore} over the {@code consent_citizen} and {@code consent_directive}
 * tables (V30), on H2 or PostgreSQL. Scope lists are stored comma-joined: every code the
 * policy model accepts is free of commas.
 */
public final class JdbcConsentStore implements ConsentStore {

	private static final String DIRECTIVE_COLUMNS = "nhs_number, directive_id, version, effect, status, "
			+ "organisations, org_types, roles, categories, purposes, start_at, end_at, recorded_at, actor_username, "
			+ "on_behalf_of, revoked_at";

	private static final String CURRENT = "SELECT " + DIRECTIVE_COLUMNS + " FROM consent_directive d "
			+ "WHERE d.nhs_number = ? AND d.version = (SELECT max(v.version) FROM consent_directive v "
			+ "WHERE v.nhs_number = d.nhs_number AND v.directive_id = d.directive_id)";

	private final JdbcTemplate jdbc;

	public JdbcConsentStore(JdbcTemplate jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	@Override
	public long lockAndBump(NhsNumber subject, Instant now) {
		this.jdbc.update("INSERT INTO consent_citizen (nhs_number, consent_version, national_opt_out, updated_at) "
				+ "VALUES (?, 0, FALSE, ?) ON CONFLICT DO NOTHING", subject.value(), timestamp(now));
		// The UPDATE takes the row lock: a second change of the same citizen waits here
		// until this one commits.
		this.jdbc.update("UPDATE consent_citizen SET consent_version = consent_version + 1, updated_at = ? "
				+ "WHERE nhs_number = ?", timestamp(now), subject.value());
		return consentVersion(subject);
	}

	@Override
	public long consentVersion(NhsNumber subject) {
		List<Long> versions = this.jdbc.queryForList("SELECT consent_version FROM consent_citizen WHERE nhs_number = ?",
				Long.class, subject.value());
		return versions.isEmpty() ? 0 : versions.get(0);
	}

	@Override
	public ConsentState state(NhsNumber subject) {
		List<ConsentState> citizen = this.jdbc.query(
				"SELECT consent_version, national_opt_out, opt_out_changed_at FROM consent_citizen WHERE nhs_number = ?",
				(rs, row) -> new ConsentState(subject, rs.getLong(1), rs.getBoolean(2), instant(rs, 3), List.of()),
				subject.value());
		List<DirectiveVersion> directives = this.jdbc.query(CURRENT + " ORDER BY d.recorded_at, d.directive_id",
				(rs, row) -> read(rs), subject.value());
		if (citizen.isEmpty()) {
			return new ConsentState(subject, 0, false, null, directives);
		}
		ConsentState head = citizen.get(0);
		return new ConsentState(subject, head.version(), head.nationalOptOut(), head.optOutChangedAt(), directives);
	}

	@Override
	public Optional<DirectiveVersion> current(NhsNumber subject, String directiveId) {
		return this.jdbc.query(CURRENT + " AND d.directive_id = ?", (rs, row) -> read(rs), subject.value(), directiveId)
			.stream()
			.findFirst();
	}

	@Override
	public List<DirectiveVersion> history(NhsNumber subject, String directiveId) {
		return this.jdbc.query(
				"SELECT " + DIRECTIVE_COLUMNS + " FROM consent_directive "
						+ "WHERE nhs_number = ? AND directive_id = ? ORDER BY version",
				(rs, row) -> read(rs), subject.value(), directiveId);
	}

	@Override
	public void insert(DirectiveVersion version) {
		Directive d = version.directive();
		this.jdbc.update(
				"INSERT INTO consent_directive (" + DIRECTIVE_COLUMNS
						+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				version.subject().value(), d.id(), version.version(), d.effect().code(), d.status().code(),
				join(d.organisations()), join(d.orgTypes().stream().map((t) -> t.code()).toList()), join(d.roles()),
				join(d.categories().stream().map((c) -> c.code()).toList()),
				join(d.purposes().stream().map((p) -> p.code()).toList()), timestamp(d.start()), timestamp(d.end()),
				timestamp(version.recordedAt()), version.recordedBy(), version.onBehalfOf(),
				timestamp(version.revokedAt()));
	}

	@Override
	public void setNationalOptOut(NhsNumber subject, boolean optOut, Instant now) {
		int updated = this.jdbc.update(
				"UPDATE consent_citizen SET national_opt_out = ?, opt_out_changed_at = ? WHERE nhs_number = ?", optOut,
				timestamp(now), subject.value());
		if (updated != 1) {
			throw new IllegalStateException("the citizen's consent row was not locked first");
		}
	}

	private static DirectiveVersion read(ResultSet rs) throws SQLException {
		Instant recordedAt = instant(rs, "recorded_at");
		Directive directive = Directive.builder()
			.id(rs.getString("directive_id"))
			.effect(rs.getString("effect"))
			.status(DirectiveStatus.fromCode(rs.getString("status")))
			.organisations(split(rs.getString("organisations")))
			.orgTypeCodes(split(rs.getString("org_types")))
			.roles(split(rs.getString("roles")))
			.categoryCodes(split(rs.getString("categories")))
			.purposeCodes(split(rs.getString("purposes")))
			.start(instant(rs, "start_at"))
			.end(instant(rs, "end_at"))
			.createdAt(recordedAt)
			.build();
		return new DirectiveVersion(NhsNumber.parse(rs.getString("nhs_number")), directive, rs.getInt("version"),
				recordedAt, rs.getString("actor_username"), rs.getString("on_behalf_of"), instant(rs, "revoked_at"));
	}

	private static String join(Collection<String> values) {
		return values.isEmpty() ? null : values.stream().collect(Collectors.joining(","));
	}

	private static List<String> split(String stored) {
		return (stored == null || stored.isEmpty()) ? List.of() : Arrays.asList(stored.split(","));
	}

	static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
