package care.concord.server.consent.proxy;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditOutcome;
import care.concord.server.consent.ConsentActor;
import care.concord.server.people.Person;
import care.concord.server.people.PersonRepository;
import care.concord.server.people.PersonRole;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.domain.AlreadyExistsException;
import care.concord.server.domain.NotFoundException;
import care.concord.server.domain.NotPermittedException;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Citizens naming and withdrawing proxies: other accounts (carers) allowed to manage
 * their consent. Only the citizen themselves may name or withdraw a proxy (a proxy cannot
 * name further proxies). Both are audited as {@code CONSENT_CHANGE} records
 * ({@code proxy-named}, {@code proxy-withdrawn}), in the same transaction.
 */
public final class ProxyService {

	/** Audit reason of naming a proxy. */
	public static final String PROXY_NAMED = "proxy-named";

	/** Audit reason of withdrawing a proxy. */
	public static final String PROXY_WITHDRAWN = "proxy-withdrawn";

	private final ProxyStore store;

	private final PersonRepository people;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public ProxyService(ProxyStore store, PersonRepository people, AuditLog audit, TransactionTemplate transactions,
			Clock clock) {
		this.store = Objects.requireNonNull(store, "store");
		this.people = Objects.requireNonNull(people, "people");
		this.audit = Objects.requireNonNull(audit, "audit");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/** The proxies the citizen named. */
	public List<ProxyGrant> proxies(ConsentActor citizen) {
		return this.store.proxiesOf(citizen.subject());
	}

	/** The citizens who named this person as their proxy. */
	public List<ProxyGrant> represented(String proxyUsername) {
		return this.store.citizensOf(proxyUsername);
	}

	/**
	 * Names an account as the citizen's proxy.
	 * @throws InvalidRequestException 400 for a missing, unknown, disabled, non-citizen
	 * or own username
	 * @throws AlreadyExistsException 409 when already named
	 */
	public ProxyGrant name(ConsentActor citizen, String proxyUsername) {
		requireCitizenThemselves(citizen);
		if (proxyUsername == null || proxyUsername.isBlank() || proxyUsername.length() > 100) {
			throw new InvalidRequestException("username", "the proxy's username is missing or too long");
		}
		if (proxyUsername.equals(citizen.username())) {
			throw new InvalidRequestException("username", "you cannot name yourself as your proxy");
		}
		// Only citizens may be proxies; an unknown, disabled or non-citizen account gets
		// one and the same answer,
		// so naming a proxy neither reveals which usernames exist nor reaches staff
		// accounts.
		Person proxy = this.people.findById(proxyUsername)
			.filter(Person::isEnabled)
			.filter((person) -> person.getRoles().contains(PersonRole.CITIZEN.code()))
			.orElseThrow(() -> new InvalidRequestException("username",
					"no citizen account can be named with that username"));
		ProxyGrant grant = new ProxyGrant(citizen.subject(), citizen.username(), proxy.getUsername(),
				this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		return this.transactions.execute((tx) -> {
			if (!this.store.insert(grant)) {
				throw new AlreadyExistsException("you have already named " + proxyUsername + " as your proxy");
			}
			this.audit.append(event(citizen, PROXY_NAMED, proxyUsername,
					"The citizen named " + proxyUsername + " as a proxy who may manage their consent"));
			return grant;
		});
	}

	/**
	 * Withdraws a proxy the citizen named.
	 * @throws NotFoundException 404 when the citizen has not named that proxy
	 */
	public void withdraw(ConsentActor citizen, String proxyUsername) {
		requireCitizenThemselves(citizen);
		this.transactions.executeWithoutResult((tx) -> {
			if (!this.store.delete(citizen.subject(), proxyUsername)) {
				throw new NotFoundException("proxy " + proxyUsername);
			}
			this.audit.append(event(citizen, PROXY_WITHDRAWN, proxyUsername,
					"The citizen withdrew " + proxyUsername + " as their proxy"));
		});
	}

	private static void requireCitizenThemselves(ConsentActor actor) {
		if (actor.isProxy()) {
			throw new NotPermittedException("only the citizen may name or withdraw proxies");
		}
	}

	private static AuditEvent event(ConsentActor citizen, String reason, String proxyUsername, String explanation) {
		return AuditEvent.builder(AuditEventType.CONSENT_CHANGE, citizen.auditActor())
			.subject(citizen.subject())
			.outcome(AuditOutcome.PERMIT, reason)
			.explanation(explanation)
			.detail("proxy_username", proxyUsername)
			.build();
	}

}
