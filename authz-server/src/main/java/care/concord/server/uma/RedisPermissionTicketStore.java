package care.concord.server.uma;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

import care.concord.server.domain.SharedStateUnavailableException;

/**
 * A {@link PermissionTicketStore} in Redis, shared by every node: a ticket is a key
 * holding its permissions with the ticket's remaining life as TTL, and {@link #take} is
 * Redis's atomic {@code GETDEL}, so of any number of concurrent redemptions on any nodes
 * exactly one gets the ticket.
 *
 * <p>
 * Only the SHA-256 of a ticket is used as key, so a dump of Redis yields no redeemable
 * ticket. When Redis cannot be reached, issuing and taking fail with
 * {@link SharedStateUnavailableException}: no ticket is handed out or redeemed, never
 * twice.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#permission-endpoint">UMA
 * 2.0 Federated Authorization section 4</a>
 */
public final class RedisPermissionTicketStore implements PermissionTicketStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StringRedisTemplate redis;

	private final Clock clock;

	private final String prefix;

	private final SecureRandom random = new SecureRandom();

	public RedisPermissionTicketStore(StringRedisTemplate redis, Clock clock, String prefix) {
		Assert.notNull(redis, "redis cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.hasText(prefix, "prefix cannot be empty");
		this.redis = redis;
		this.clock = clock;
		this.prefix = prefix;
	}

	@Override
	public String issue(PermissionTicket ticket) {
		Assert.notNull(ticket, "ticket cannot be null");
		String value = PermissionTicketValues.newValue(this.random);
		Duration ttl = Duration.between(this.clock.instant(), ticket.expiresAt());
		Assert.isTrue(!ttl.isNegative() && !ttl.isZero(), "ticket has already expired");
		try {
			this.redis.opsForValue().set(key(value), JSON.writeValueAsString(StoredTicket.of(ticket)), ttl);
		}
		catch (DataAccessException ex) {
			throw new SharedStateUnavailableException("permission tickets cannot be stored: shared state unavailable",
					ex);
		}
		return value;
	}

	@Override
	public Optional<PermissionTicket> take(String ticket) {
		if (!PermissionTicketValues.plausible(ticket)) {
			return Optional.empty();
		}
		String stored;
		try {
			stored = this.redis.opsForValue().getAndDelete(key(ticket));
		}
		catch (DataAccessException ex) {
			throw new SharedStateUnavailableException("permission tickets cannot be redeemed: shared state unavailable",
					ex);
		}
		if (stored == null) {
			return Optional.empty();
		}
		PermissionTicket taken = JSON.readValue(stored, StoredTicket.class).toTicket();
		// Redis expires keys lazily at millisecond precision; the ticket's own expiry is
		// authoritative.
		return taken.isExpiredAt(this.clock.instant()) ? Optional.empty() : Optional.of(taken);
	}

	private String key(String ticket) {
		return this.prefix + "ticket:" + PermissionTicketValues.hash(ticket);
	}

	/** The JSON form of a ticket in Redis. */
	record StoredTicket(String resourceServer, String resourceServerClientId, List<StoredPermission> permissions,
			long issuedAt, long expiresAt) {

		static StoredTicket of(PermissionTicket ticket) {
			List<StoredPermission> permissions = new ArrayList<>();
			for (UmaPermission permission : ticket.permissions()) {
				permissions.add(new StoredPermission(permission.resourceId(), new ArrayList<>(permission.scopes())));
			}
			return new StoredTicket(ticket.resourceServer(), ticket.resourceServerClientId(), permissions,
					ticket.issuedAt().toEpochMilli(), ticket.expiresAt().toEpochMilli());
		}

		PermissionTicket toTicket() {
			List<UmaPermission> list = new ArrayList<>();
			for (StoredPermission permission : this.permissions) {
				list.add(new UmaPermission(permission.resourceId(), new LinkedHashSet<>(permission.scopes())));
			}
			return new PermissionTicket(this.resourceServer, this.resourceServerClientId, list,
					Instant.ofEpochMilli(this.issuedAt), Instant.ofEpochMilli(this.expiresAt));
		}

	}

	record StoredPermission(String resourceId, List<String> scopes) {
	}

}
