package care.concord.server.demo;

import java.time.Clock;
import java.util.List;

import care.concord.server.agency.AgencyRegistration;
import care.concord.server.agency.AgencyRepository;
import care.concord.server.agency.AgencyService;
import care.concord.server.agency.ClientRegistration;
import care.concord.server.oauth.ClientSecretDigestEncoder;
import care.concord.server.oauth.ConcordRegisteredClientRepository;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.people.ConsoleClient;
import care.concord.server.people.PeopleService;
import care.concord.server.people.PersonRegistration;
import care.concord.server.people.PersonRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Seeds the demo data set (profile {@code demo}): agencies of several types with clients
 * whose secrets are KNOWN and published in the documentation, citizens with valid NHS
 * numbers, an IG officer, an administrator and the console's public client. Idempotent:
 * anything that already exists is left alone. Never enable in production: the secrets and
 * passwords below are public.
 */
public final class DemoData implements ApplicationRunner, HealthIndicator {

	private static final Log logger = LogFactory.getLog(DemoData.class);

	/** A demo agency and its client. */
	record DemoAgency(String code, String name, String orgType, String town, List<String> scopes) {

		String clientId() {
			return this.code.toLowerCase() + "-client";
		}

		String secret() {
			return "demo-secret-" + this.code.toLowerCase();
		}

	}

	/** A demo person; password {@code concord-demo-<username>}. */
	record DemoPerson(String username, String displayName, String role, String nhsNumber) {

		String password() {
			return "concord-demo-" + this.username;
		}

	}

	static final List<DemoAgency> AGENCIES = List.of(
			new DemoAgency("A81001", "Riverside Medical Practice", "gp", "Leeds",
					List.of("decision", "identity", "record_location", "uma_authorization")),
			new DemoAgency("RR8", "Leeds Teaching Hospitals NHS Trust", "acute-hospital", "Leeds",
					List.of("decision", "identity", "record_location", "uma_protection", "uma_authorization")),
			new DemoAgency("RRP", "Barnet, Enfield and Haringey Mental Health NHS Trust", "mental-health-trust",
					"London",
					List.of("decision", "identity", "record_location", "uma_protection", "uma_authorization")),
			new DemoAgency("SC101", "Riverside Council Adult Social Care", "social-care", "Leeds",
					List.of("decision", "identity", "record_location", "uma_protection", "uma_authorization")),
			new DemoAgency("FA123", "High Street Pharmacy", "pharmacy", "Leeds",
					List.of("decision", "record_location", "uma_authorization")),
			new DemoAgency("RES01", "Northern Health Research Institute", "research", "Newcastle upon Tyne",
					List.of("decision", "uma_authorization")));

	static final List<DemoPerson> PEOPLE = List.of(new DemoPerson("alice", "Alice Citizen", "citizen", "9434765919"),
			new DemoPerson("bob", "Bob Citizen", "citizen", "9434765870"),
			new DemoPerson("carol", "Carol Citizen", "citizen", "9434765889"),
			new DemoPerson("iris", "Iris IG Officer", "ig-officer", null),
			new DemoPerson("admin", "Demo Administrator", "admin", null));

	static final List<String> CONSOLE_REDIRECT_URIS = List.of("http://localhost:8080/console/callback",
			"http://127.0.0.1:8080/console/callback");

	private final AgencyService agencies;

	private final AgencyRepository agencyRepository;

	private final ConcordRegisteredClientRepository clients;

	private final PeopleService people;

	private final PersonRepository personRepository;

	private final TokenLifetimes lifetimes;

	private final Clock clock;

	private DemoActivity activity;

	private volatile boolean seeded;

	public DemoData(AgencyService agencies, AgencyRepository agencyRepository,
			ConcordRegisteredClientRepository clients, PeopleService people, PersonRepository personRepository,
			TokenLifetimes lifetimes, Clock clock) {
		this.agencies = agencies;
		this.agencyRepository = agencyRepository;
		this.clients = clients;
		this.people = people;
		this.personRepository = personRepository;
		this.lifetimes = lifetimes;
		this.clock = clock;
	}

	/** Weeks of activity to seed after the data set (the demo profile's). */
	void activity(DemoActivity activity) {
		this.activity = activity;
	}

	@Override
	public void run(ApplicationArguments args) {
		int created = seed();
		if (this.activity != null) {
			int steps = this.activity.seed();
			if (steps > 0) {
				logger.info("DEMO profile: " + steps + " steps of activity over the last " + DemoActivity.DAYS
						+ " days seeded through the consent, decision, review and identity services");
			}
		}
		this.seeded = true;
		logger.warn("DEMO profile: " + created + " demo records created; demo secrets and passwords are public, "
				+ "never use this profile in production");
	}

	/**
	 * Out of service until the demo data and activity are seeded: health never says UP
	 * before they are there.
	 */
	@Override
	public Health health() {
		return this.seeded ? Health.up().build() : Health.outOfService().withDetail("demo", "seeding").build();
	}

	/**
	 * Creates whatever part of the demo data set is missing; returns the number of
	 * records created.
	 */
	public int seed() {
		int created = 0;
		ClientSecretDigestEncoder secrets = new ClientSecretDigestEncoder();
		for (DemoAgency agency : AGENCIES) {
			if (!this.agencyRepository.existsById(agency.code())) {
				this.agencies
					.register(new AgencyRegistration(agency.code(), agency.name(), agency.orgType(), agency.town()));
				created++;
			}
			if (this.clients.findByClientIdIncludingDisabled(agency.clientId()) == null) {
				this.agencies.addClient(agency.code(), new ClientRegistration(agency.clientId(), "client_secret_basic",
						List.of("client_credentials"), agency.scopes(), null, null, null, null, null));
				RegisteredClient generated = this.clients.findByClientIdIncludingDisabled(agency.clientId());
				// the demo replaces the generated secret with the documented one
				this.clients
					.save(RegisteredClient.from(generated).clientSecret(secrets.encode(agency.secret())).build());
				created++;
			}
		}
		for (DemoPerson person : PEOPLE) {
			if (!this.personRepository.existsById(person.username())) {
				this.people.create(new PersonRegistration(person.username(), person.password(), person.displayName(),
						List.of(person.role()), person.nhsNumber()));
				created++;
			}
		}
		if (ConsoleClient.registerOrComplete(this.clients, ConsoleClient.CLIENT_ID, CONSOLE_REDIRECT_URIS,
				this.lifetimes, this.clock.instant())) {
			created++;
		}
		return created;
	}

}
