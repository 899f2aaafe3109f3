package care.concord.server.uma;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * {@link PermissionTicketStore} in the shared database ({@code uma_permission_ticket}),
 * so that a ticket issued on one node can be redeemed on any other.
 *
 * <p>
 * Tickets are made by {@link PermissionTicketValues}; only their SHA-256 is stored.
 * {@link #take} reads the row and deletes it in one transaction and hands the ticket out
 * only when its own {@code DELETE} removed the row: of two concurrent takes, the second
 * {@code DELETE} waits for the first's row lock and then removes nothing (on H2 as on
 * PostgreSQL, which is why {@code DELETE ... RETURNING}, PostgreSQL only, is not needed).
 * Expired rows are purged now and then when tickets are issued.
 */
public final class JdbcPermissionTicketStore implements PermissionTicketStore {

	private static final int PURGE_EVERY = 128;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcOperations jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final AtomicLong issued = new AtomicLong();

	public JdbcPermissionTicketStore(JdbcOperations jdbc, TransactionTemplate transactions, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public String issue(PermissionTicket ticket) {
		Assert.notNull(ticket, "ticket cannot be null");
		String value = PermissionTicketValues.newValue(this.random);
		this.jdbc.update(
				"INSERT INTO uma_permission_ticket (ticket_hash, resource_server, resource_server_client_id,"
						+ " permissions, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
				hash(value), ticket.resourceServer(), ticket.resourceServerClientId(),
				writePermissions(ticket.permissions()), Timestamp.from(ticket.issuedAt()),
				Timestamp.from(ticket.expiresAt()));
		if (this.issued.incrementAndGet() % PURGE_EVERY == 0) {
			purgeExpired();
		}
		return value;
	}

	@Override
	public Optional<PermissionTicket> take(String ticket) {
		if (!PermissionTicketValues.plausible(ticket)) {
			return Optional.empty();
		}
		String hash = hash(ticket);
		Instant now = this.clock.instant();
		PermissionTicket taken = this.transactions.execute((status) -> {
			List<PermissionTicket> rows = this.jdbc.query(
					"SELECT resource_server, resource_server_client_id,"
							+ " permissions, issued_at, expires_at FROM uma_permission_ticket WHERE ticket_hash = ?",
					(rs, n) -> new PermissionTicket(rs.getString(1), rs.getString(2), readPermissions(rs.getString(3)),
							rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()),
					hash);
			if (rows.isEmpty()) {
				return null;
			}
			if (this.jdbc.update("DELETE FROM uma_permission_ticket WHERE ticket_hash = ?", hash) != 1) {
				return null;
			}
			return rows.get(0);
		});
		return Optional.ofNullable(taken).filter((found) -> !found.isExpiredAt(now));
	}

	/** Deletes expired tickets; returns how many. */
	public int purgeExpired() {
		return this.jdbc.update("DELETE FROM uma_permission_ticket WHERE expires_at <= ?",
				Timestamp.from(this.clock.instant()));
	}

	private static String hash(String value) {
		return PermissionTicketValues.hash(value);
	}

	private static String writePermissions(List<UmaPermission> permissions) {
		List<Map<String, Object>> json = new ArrayList<>();
		for (UmaPermission permission : permissions) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("resource_id", permission.resourceId());
			entry.put("resource_scopes", new ArrayList<>(permission.scopes()));
			json.add(entry);
		}
		return JSON.writeValueAsString(json);
	}

	private static List<UmaPermission> readPermissions(String text) {
		List<UmaPermission> permissions = new ArrayList<>();
		for (JsonNode entry : JSON.readTree(text)) {
			LinkedHashSet<String> scopes = new LinkedHashSet<>();
			entry.get("resource_scopes").forEach((scope) -> scopes.add(scope.asString()));
			permissions.add(new UmaPermission(entry.get("resource_id").asString(), scopes));
		}
		return permissions;
	}

}
