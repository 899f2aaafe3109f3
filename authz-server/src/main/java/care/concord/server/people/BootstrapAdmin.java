package care.concord.server.people;

import java.util.List;
import java.util.Map;

import care.concord.server.audit.AdminActions;
import care.concord.server.audit.AuditActor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.util.StringUtils;

/**
 * Creates the first administrator on start-up from
 * {@code CONCORD_BOOTSTRAP_ADMIN_USERNAME} / {@code CONCORD_BOOTSTRAP_ADMIN_PASSWORD}
 * (properties {@code concord.bootstrap-admin.username} / {@code .password}), only when no
 * enabled admin exists. Without the variables nothing happens (and a warning says there
 * is no admin).
 */
public class BootstrapAdmin implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(BootstrapAdmin.class);

	/**
	 * What a newcomer does when no administrator exists (the start log and the start page
	 * say it).
	 */
	public static final String HOW_TO_CREATE = "No administrator account exists yet, so nobody can sign in to the "
			+ "console or register agencies. Stop the server and start it again with a username and a password of "
			+ "12 or more characters for the first administrator; it is created once, at that start:";

	/** The command that creates the first administrator. */
	public static final String COMMAND = "CONCORD_BOOTSTRAP_ADMIN_USERNAME=admin "
			+ "CONCORD_BOOTSTRAP_ADMIN_PASSWORD='choose-a-long-password' java -jar authz-server/target/concord-server.jar";

	/** The command that starts with the demo data set instead. */
	public static final String DEMO_COMMAND = "java -jar authz-server/target/concord-server.jar "
			+ "--spring.profiles.active=demo";

	private final PeopleService people;

	private final String username;

	private final String password;

	private AdminActions audit;

	public BootstrapAdmin(PeopleService people, String username, String password) {
		this.people = people;
		this.username = username;
		this.password = password;
	}

	/**
	 * Audits the creation as an {@code ADMIN_ACTION} by the system
	 * ({@code bootstrap-admin-created}).
	 */
	@Autowired(required = false)
	public void setAdminActions(AdminActions audit) {
		this.audit = audit;
	}

	@Override
	public void run(ApplicationArguments args) {
		createIfNeeded();
	}

	/**
	 * Creates the bootstrap admin when configured and no enabled admin exists; true if
	 * created.
	 */
	public boolean createIfNeeded() {
		if (this.people.hasEnabledAdmin()) {
			return false;
		}
		if (!StringUtils.hasText(this.username) || !StringUtils.hasText(this.password)) {
			logger.warn(String.format("%n%n  %s%n%n    %s%n%n  Or try every flow with the demo data set (public demo "
					+ "passwords, never in production):%n%n    %s%n%n  Then open http://localhost:8080/ (the start page "
					+ "says the same while no administrator exists).%n", HOW_TO_CREATE, COMMAND, DEMO_COMMAND));
			return false;
		}
		PersonRegistration registration = new PersonRegistration(this.username, this.password,
				"Bootstrap administrator", List.of(PersonRole.ADMIN.code()), null);
		if (this.audit != null) {
			this.audit.record(AuditActor.system(), "bootstrap-admin-created", this.username,
					() -> this.people.create(registration),
					(person) -> Map.of("roles", String.join(",", person.roles())));
		}
		else {
			this.people.create(registration);
		}
		logger.info("Created bootstrap administrator '" + this.username + "'");
		return true;
	}

}
