package care.concord.server.uma;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import care.concord.server.domain.DependencyUnavailableException;

import org.springframework.util.Assert;

/**
 * {@link PermissionTicketStore} in this process's memory, for a server that is the only
 * node by construction: the embedded H2 database (one process holds its file). Taking a
 * ticket is {@link ConcurrentHashMap#remove(Object)}, atomic, so of any number of
 * concurrent redemptions exactly one gets it.
 *
 * <p>
 * A ticket is a short-lived handle that nothing but its own redemption depends on, so it
 * is not written to the database: a crash forgets the outstanding tickets, which is fail
 * closed (their redemption answers {@code invalid_grant} and the client asks the resource
 * server again), and a taken ticket can never come back. That saves the two durable
 * commits per UMA exchange that a database store costs (the insert on issue and the
 * delete on take). Clustered deployments use the JDBC store on PostgreSQL or the Redis
 * store.
 *
 * <p>
 * Only the SHA-256 of a ticket is kept. At most {@code capacity} tickets are outstanding:
 * when the store is full after dropping expired tickets, issuing fails with
 * {@link TicketCapacityExceededException} (HTTP 503) rather than growing without bound.
 */
public final class InMemoryPermissionTicketStore implements PermissionTicketStore {

	private static final int PURGE_EVERY = 1024;

	private final ConcurrentHashMap<String, PermissionTicket> tickets = new ConcurrentHashMap<>();

	private final Clock clock;

	private final int capacity;

	private final SecureRandom random = new SecureRandom();

	private final AtomicLong issued = new AtomicLong();

	public InMemoryPermissionTicketStore(Clock clock, int capacity) {
		Assert.notNull(clock, "clock cannot be null");
		Assert.isTrue(capacity > 0, "capacity must be positive");
		this.clock = clock;
		this.capacity = capacity;
	}

	@Override
	public String issue(PermissionTicket ticket) {
		Assert.notNull(ticket, "ticket cannot be null");
		if (this.issued.incrementAndGet() % PURGE_EVERY == 0 || this.tickets.size() >= this.capacity) {
			purgeExpired();
			if (this.tickets.size() >= this.capacity) {
				throw new TicketCapacityExceededException(this.capacity);
			}
		}
		String value = PermissionTicketValues.newValue(this.random);
		this.tickets.put(PermissionTicketValues.hash(value), ticket);
		return value;
	}

	@Override
	public Optional<PermissionTicket> take(String ticket) {
		if (!PermissionTicketValues.plausible(ticket)) {
			return Optional.empty();
		}
		PermissionTicket taken = this.tickets.remove(PermissionTicketValues.hash(ticket));
		return (taken == null || taken.isExpiredAt(this.clock.instant())) ? Optional.empty() : Optional.of(taken);
	}

	/** Drops expired tickets; returns how many. */
	public int purgeExpired() {
		Instant now = this.clock.instant();
		int before = this.tickets.size();
		this.tickets.values().removeIf((ticket) -> ticket.isExpiredAt(now));
		return Math.max(0, before - this.tickets.size());
	}

	/** How many tickets are outstanding (including expired ones not yet dropped). */
	public int size() {
		return this.tickets.size();
	}

	/**
	 * More tickets are outstanding than the store may hold: the permission request is
	 * refused for now (503, retry later), fail closed.
	 */
	public static final class TicketCapacityExceededException extends DependencyUnavailableException {

		private static final long serialVersionUID = 1L;

		TicketCapacityExceededException(int capacity) {
			super("too many outstanding permission tickets (" + capacity + "); try again later");
		}

	}

}
