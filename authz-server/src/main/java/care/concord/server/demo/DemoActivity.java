package care.concord.server.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.Category;
import care.concord.server.audit.AuditActor;
import care.concord.server.consent.ConsentActor;
import care.concord.server.consent.ConsentService;
import care.concord.server.consent.DirectiveInput;
import care.concord.server.consent.review.BreakGlassReviewService;
import care.concord.server.decision.AuditedDecision;
import care.concord.server.decision.ConsentDecisionService;
import care.concord.server.decision.DecisionQuery;
import care.concord.server.identity.IdentityService;
import care.concord.server.identity.RecordSubmission;
import care.concord.server.oauth.PersonalSources;
import care.concord.server.people.ConsoleClient;
import care.concord.server.source.PersonalApp;
import care.concord.server.source.PersonalApps;
import care.concord.server.uma.ResourceSet;
import care.concord.server.uma.ResourceSetRepository;
import care.concord.server.uma.UmaAudit;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Three weeks of demo activity, made through the real services at past times
 * ({@link DemoClock}): citizens' choices and opt-outs, agencies' requests allowed and
 * refused, emergency accesses (one reviewed), a possible identity match waiting for
 * review, and alice's activity watch: registered by the administrator, connected by alice
 * (her consent to the categories it holds) and registering what it holds about her. Every
 * step is audited as in production, so the IG pages and charts have something to show and
 * the audit chain verifies. Runs once: not when alice already has consent records.
 */
final class DemoActivity {

	static final int DAYS = 21;

	private static final NhsNumber ALICE = NhsNumber.parse("9434765919");

	private static final NhsNumber BOB = NhsNumber.parse("9434765870");

	private static final NhsNumber CAROL = NhsNumber.parse("9434765889");

	/** The personal app alice connects: a wearable that holds her activity readings. */
	static final String APP_NAME = "Stride activity watch";

	static final String APP_REDIRECT_URI = "https://stride.example/concord/callback";

	private final DemoClock clock;

	private final ConsentService consent;

	private final ConsentDecisionService decisions;

	private final BreakGlassReviewService reviews;

	private final IdentityService identities;

	private final RecordPointers pointers;

	private final PersonalAppConnections personalApps;

	/** The client id of alice's activity watch, once registered. */
	private String appId;

	DemoActivity(DemoClock clock, ConsentService consent, ConsentDecisionService decisions,
			BreakGlassReviewService reviews, IdentityService identities, RecordPointers pointers,
			PersonalAppConnections personalApps) {
		this.clock = clock;
		this.consent = consent;
		this.decisions = decisions;
		this.reviews = reviews;
		this.identities = identities;
		this.pointers = pointers;
		this.personalApps = personalApps;
	}

	/** Seeds the activity unless it is there; the number of audited steps. */
	int seed() {
		if (this.consent.state(ALICE).version() > 0) {
			return 0;
		}
		int steps = 0;
		try {
			for (int day = DAYS; day >= 1; day--) {
				// that day, in working hours (09:00 to 13:00 UTC): one date a day,
				// whatever the time the demo starts
				Instant at = LocalDate.now(ZoneOffset.UTC)
					.minusDays(day)
					.atTime(9 + (day % 5), 0)
					.toInstant(ZoneOffset.UTC);
				this.clock.setBack(Duration.between(at, Instant.now()));
				steps += day(day);
			}
		}
		finally {
			this.clock.setBack(Duration.ZERO);
		}
		return steps;
	}

	/** One day's activity, days before today. */
	private int day(int day) {
		int steps = 0;
		switch (day) {
			case 21 -> steps += choose(ALICE, "alice", new DirectiveInput("deny", List.of(), List.of("social-care"),
					List.of(), List.of("mental-health"), List.of(), null, null));
			case 20 -> {
				// where alice's records are: the hospital, the mental-health trust and
				// social
				// care register pointers (never the records) as their systems do over UMA
				// (their clients have uma_protection)
				steps += point("RR8", "acute-hospital", ALICE, "Discharge summary", Category.SUMMARY);
				steps += point("RR8", "acute-hospital", ALICE, "Medicines on discharge", Category.MEDICATIONS);
				steps += point("RR8", "acute-hospital", ALICE, "Blood test results", Category.TEST_RESULTS);
			}
			case 19 -> {
				steps += point("RRP", "mental-health-trust", ALICE, "Community mental health notes",
						Category.MENTAL_HEALTH);
				steps += point("SC101", "social-care", ALICE, "Adult social care plan", Category.CARE_PLAN);
			}
			case 18 -> steps += choose(BOB, "bob", new DirectiveInput("deny", List.of("FA123"), List.of(), List.of(),
					List.of(), List.of(), null, null));
			case 17 -> steps += registerApp();
			case 16 -> {
				// alice connects the watch, which then says what it holds about her
				steps += connectApp(ALICE, "alice");
				steps += pointFromApp(ALICE, "Heart rate and daily steps");
			}
			case 15 -> {
				this.consent.setNationalOptOut(ConsentActor.self(CAROL, "carol"), true);
				steps++;
			}
			case 12 -> steps += choose(ALICE, "alice", new DirectiveInput("permit", List.of("RRP"), List.of(),
					List.of(), List.of("genomic"), List.of("direct-care"), null, null));
			case 10 -> {
				AuditedDecision glass = ask("RR8", "acute-hospital", "dr-patel", "clinician", BOB, "A81001",
						"medications", "emergency-care", "unconscious after a fall, no relatives reachable");
				this.reviews.review("iris", glass.auditSequence(), true,
						"Checked with the A&E consultant: patient arrived unconscious.");
				steps += 2;
			}
			case 5 -> steps += pointFromApp(ALICE, "Sleep records");
			case 4 -> {
				ask("RR8", "acute-hospital", "dr-okafor", "clinician", ALICE, "A81001", "allergies", "emergency-care",
						"anaphylaxis in A&E, patient cannot speak");
				steps++;
			}
			case 2 -> {
				if (this.identities == null) {
					break;
				}
				this.identities.submit(AuditActor.client("RR8", "rr8-client"),
						record("MRN-4471", ALICE, "Alice", "Citizen", "1970-01-31", "LS1 4AP").toLocalRecord("RR8",
								this.identities.today()));
				this.identities.submit(AuditActor.client("RR8", "rr8-client"),
						record("MRN-5802", ALICE, "Robert", "Jones", "1985-06-12", "M1 1AA").toLocalRecord("RR8",
								this.identities.today()));
				steps += 2;
			}
			default -> {
			}
		}
		// every day: the GP, the hospital, the trust, social care, the pharmacy and
		// research ask about someone
		NhsNumber[] citizens = { ALICE, BOB, CAROL };
		NhsNumber citizen = citizens[day % 3];
		ask("A81001", "gp", "dr-shah", "clinician", citizen, "A81001", "summary", "direct-care", null);
		ask("RR8", "acute-hospital", "nurse-" + (day % 4), "nurse", citizen, "A81001", "medications", "direct-care",
				null);
		ask("SC101", "social-care", "sw-" + (day % 3), "social-worker", citizen, "A81001",
				(day % 2 == 0) ? "mental-health" : "care-plan", "direct-care", null);
		ask("FA123", "pharmacy", "pharm-1", "pharmacist", citizen, "A81001", "medications", "direct-care", null);
		steps += 4;
		if (day % 3 == 0) {
			ask("RES01", "research", "res-team", "researcher", citizen, "A81001", "summary", "research", null);
			ask("RRP", "mental-health-trust", "dr-lee", "clinician", citizen, "RRP", "mental-health", "direct-care",
					null);
			steps += 2;
		}
		return steps;
	}

	/**
	 * The agency's system registers a pointer to the citizen's records of that category,
	 * audited as a registration over the UMA protection API is.
	 */
	private int point(String agency, String orgType, NhsNumber citizen, String name, Category category) {
		return point(agency, orgType, agency.toLowerCase(Locale.ROOT) + "-client", citizen, name, category);
	}

	/**
	 * A pointer registered by the holder's client (an agency's system or a personal app,
	 * whose client id is its holder code).
	 */
	private int point(String holder, String orgType, String client, NhsNumber citizen, String name, Category category) {
		if (this.pointers == null) {
			return 0;
		}
		Instant now = this.clock.instant();
		ResourceSet resource = new ResourceSet(UUID.randomUUID().toString(), holder, orgType, client, citizen, name,
				category, List.of("read"), null, null, now, now);
		this.pointers.transactions().executeWithoutResult((status) -> {
			this.pointers.resources().insert(resource);
			this.pointers.audit()
				.registration(AuditActor.client(holder, client), resource, "resource-registered", null);
		});
		return 1;
	}

	/**
	 * The administrator registers the activity watch as a personal app (in the console,
	 * audited as an administrative action).
	 */
	private int registerApp() {
		if (this.personalApps == null) {
			return 0;
		}
		PersonalApp app = this.personalApps.apps()
			.register(new AuditActor(null, ConsoleClient.CLIENT_ID, "admin", null), APP_NAME, List.of(APP_REDIRECT_URI),
					List.of(Category.WEARABLE.code()));
		this.appId = app.clientId();
		return 1;
	}

	/**
	 * The citizen connects the app as the authorization code flow does: on the consent
	 * screen they allow every scope it asks for (the authorization server keeps that
	 * consent), then the app's protection token is issued for them, which is audited as
	 * the connection ({@link PersonalSources#connected}).
	 */
	private int connectApp(NhsNumber citizen, String username) {
		if (this.appId == null) {
			return 0;
		}
		RegisteredClient client = this.personalApps.clients().findByClientId(this.appId);
		OAuth2AuthorizationConsent.Builder allowed = OAuth2AuthorizationConsent.withId(client.getId(), username);
		client.getScopes().forEach(allowed::scope);
		OAuth2AuthorizationConsent consent = allowed.build();
		this.personalApps.consents().save(consent);
		this.personalApps.apps()
			.connected(this.appId, username, citizen.value(), PersonalSources.categories(consent.getScopes()));
		return 1;
	}

	/**
	 * The connected app registers a pointer to what it holds about its citizen, as its
	 * protection token lets it: about them only, in a category they granted.
	 */
	private int pointFromApp(NhsNumber citizen, String name) {
		if (this.appId == null) {
			return 0;
		}
		return point(this.appId, PersonalSources.ORG_TYPE, this.appId, citizen, name, Category.WEARABLE);
	}

	/**
	 * Where the demo registers record pointers: the UMA resource store, its audit, and
	 * transactions.
	 */
	record RecordPointers(ResourceSetRepository resources, UmaAudit audit, TransactionTemplate transactions) {
	}

	/**
	 * Where the demo registers and connects a personal app: the personal-apps service,
	 * the registered clients, and the authorization server's store of people's consents.
	 */
	record PersonalAppConnections(PersonalApps apps, RegisteredClientRepository clients,
			OAuth2AuthorizationConsentService consents) {
	}

	private int choose(NhsNumber citizen, String username, DirectiveInput input) {
		this.consent.add(ConsentActor.self(citizen, username), input);
		return 1;
	}

	private AuditedDecision ask(String agency, String orgType, String practitioner, String role, NhsNumber citizen,
			String holder, String category, String purpose, String breakGlassReason) {
		return this.decisions.decide(DecisionQuery.builder()
			.actor(AuditActor.client(agency, agency.toLowerCase() + "-client").withOnBehalfOf(practitioner))
			.requester(agency, orgType, role)
			.subject(citizen.value())
			.holder(holder)
			.category(category)
			.purpose(purpose)
			.breakGlassReason(breakGlassReason)
			.detail("via", "demo")
			.build());
	}

	private static RecordSubmission record(String localId, NhsNumber nhs, String given, String family, String born,
			String postcode) {
		return new RecordSubmission(localId, nhs.value(), given, family, born, null, postcode, null, null, null, null,
				null);
	}

}
