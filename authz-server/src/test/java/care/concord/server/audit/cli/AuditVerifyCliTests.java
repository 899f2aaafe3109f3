package care.concord.server.audit.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.JdbcAuditLog;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuditVerifyCli} against an H2 file database, as
 * {@code scripts/audit-verify} runs it.
 */
class AuditVerifyCliTests {

	@TempDir
	Path directory;

	private String url;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void createDatabaseWithFourRecords() throws Exception {
		this.url = "jdbc:h2:file:" + this.directory.resolve("concord")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
		try (HikariDataSource dataSource = pool()) {
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
			JdbcAuditLog log = new JdbcAuditLog(dataSource, Clock.systemUTC());
			for (int i = 0; i < 4; i++) {
				log.append(AuditEvent.builder(AuditEventType.DECISION, AuditActor.client("A81001", "gp-app"))
					.subject(NhsNumber.parse("9434765919"))
					.permit("implied-consent")
					.build());
			}
		}
	}

	@Test
	void runWhenChainIntactThenExitsZeroAndSaysSo() {
		int code = run("--jdbc-url", this.url);

		assertThat(code).isZero();
		assertThat(stdout()).contains("audit chain intact: 4 records");
	}

	@Test
	void runWhenRecordTamperedThenExitsOneNamingRecord() throws Exception {
		tamper("UPDATE audit_record SET decision = 'deny' WHERE seq = 3");

		int code = run("--jdbc-url", this.url, "--user", "sa");

		assertThat(code).isEqualTo(AuditVerifyCli.BROKEN);
		assertThat(stdout()).contains("BROKEN at record #3", "first broken record: #3", "kind:                CHANGED");
	}

	@Test
	void runWhenRecordDeletedThenExitsOneNamingMissingRecord() throws Exception {
		tamper("DELETE FROM audit_record WHERE seq = 2");

		int code = run("--jdbc-url", this.url);

		assertThat(code).isEqualTo(AuditVerifyCli.BROKEN);
		assertThat(stdout()).contains("first broken record: #2", "DELETED");
	}

	@Test
	void runWhenUrlFromEnvironmentThenUsesIt() throws Exception {
		tamper("DELETE FROM audit_record WHERE seq = 4");

		int code = AuditVerifyCli.run(new String[0], Map.of("CONCORD_DB_URL", this.url), print(this.out),
				print(this.err));

		assertThat(code).isEqualTo(AuditVerifyCli.BROKEN);
		assertThat(stdout()).contains("first broken record: #4");
	}

	@Test
	void runWhenDatabaseMissingThenExitsTwo() {
		int code = run("--jdbc-url", "jdbc:h2:file:" + this.directory.resolve("absent") + ";IFEXISTS=TRUE");

		assertThat(code).isEqualTo(AuditVerifyCli.CANNOT_CHECK);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("cannot check the audit chain");
	}

	@Test
	void runWhenArgumentUnknownThenExitsTwoWithUsage() {
		int code = run("--url", this.url);

		assertThat(code).isEqualTo(AuditVerifyCli.CANNOT_CHECK);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("unknown or incomplete argument '--url'",
				"usage: audit-verify");
	}

	private int run(String... args) {
		return AuditVerifyCli.run(args, Map.of(), print(this.out), print(this.err));
	}

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private void tamper(String sql) throws Exception {
		try (HikariDataSource dataSource = pool();
				Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.executeUpdate(sql);
		}
	}

	private HikariDataSource pool() {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(this.url);
		config.setUsername("sa");
		config.setMaximumPoolSize(2);
		return new HikariDataSource(config);
	}

	private static PrintStream print(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

}
