package care.concord.server.audit.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import care.concord.server.audit.ChainBreak;
import care.concord.server.audit.ChainVerification;
import care.concord.server.audit.ChainVerifier;

/**
 * The {@code scripts/audit-verify} command: verifies the audit chain directly in the
 * database, with no server running, and exits 0 when it is intact, 1 when it is broken
 * (naming the first broken record) and 2 when it could not check (bad arguments, database
 * unreachable).
 *
 * <pre>
 * audit-verify [--jdbc-url URL] [--user USER] [--password PASSWORD]
 * </pre> The URL defaults to {@code CONCORD_DB_URL}, else the server's default H2 file
 * {@code ./data/concord} (relative to the working directory, and only while the server is
 * stopped: H2 locks its file). The user defaults to {@code CONCORD_DB_USERNAME}, else
 * {@code sa} for H2 and {@code postgres} otherwise; the password to
 * {@code CONCORD_DB_PASSWORD}, else empty. Only JDBC and the drivers are needed, not
 * Spring.
 */
public final class AuditVerifyCli {

	/**
	 * The server's default database (application.yml), opened only if it already exists.
	 */
	static final String DEFAULT_URL = "jdbc:h2:file:./data/concord;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
			+ "DEFAULT_NULL_ORDERING=HIGH;IFEXISTS=TRUE";

	static final int INTACT = 0;

	static final int BROKEN = 1;

	static final int CANNOT_CHECK = 2;

	private static final String USAGE = "usage: audit-verify [--jdbc-url URL] [--user USER] [--password PASSWORD]";

	private AuditVerifyCli() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.getenv(), System.out, System.err));
	}

	/** Runs the command; returns the exit code. */
	static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
		String url = env.getOrDefault("CONCORD_DB_URL", DEFAULT_URL);
		String user = env.get("CONCORD_DB_USERNAME");
		String password = env.getOrDefault("CONCORD_DB_PASSWORD", "");
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--help") || arg.equals("-h")) {
				out.println(USAGE);
				return INTACT;
			}
			if (i + 1 >= args.length
					|| !(arg.equals("--jdbc-url") || arg.equals("--user") || arg.equals("--password"))) {
				err.println("audit-verify: unknown or incomplete argument '" + arg + "'");
				err.println(USAGE);
				return CANNOT_CHECK;
			}
			String value = args[++i];
			switch (arg) {
				case "--jdbc-url" -> url = value;
				case "--user" -> user = value;
				default -> password = value;
			}
		}
		if (user == null) {
			user = url.startsWith("jdbc:h2:") ? "sa" : "postgres";
		}
		ChainVerification verification;
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			verification = ChainVerifier.verify(connection);
		}
		catch (SQLException ex) {
			err.println("audit-verify: cannot check the audit chain at " + url + ": " + ex.getMessage());
			return CANNOT_CHECK;
		}
		out.println(verification.summary());
		if (verification.ok()) {
			return INTACT;
		}
		ChainBreak broken = verification.firstBreak();
		out.println("first broken record: #" + broken.sequence());
		out.println("kind:                " + broken.kind());
		out.println("expected hash:       " + orNone(broken.expectedHash()));
		out.println("found hash:          " + orNone(broken.foundHash()));
		return BROKEN;
	}

	private static String orNone(String hash) {
		return (hash != null) ? hash : "(none)";
	}

}
