package care.concord.server.uma;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * UMA settings ({@code concord.uma.*}).
 *
 * @param ticketTtl how long a permission ticket may be redeemed (default 5m, at most 1h)
 * @param rptTtl lifetime of a requesting party token (default 5m, at most 1h); short,
 * because an RPT carries permissions decided at one instant (introspection re-decides
 * them, but only for resource servers that introspect)
 * @param claimTokenMaxAge how far in the future a claim token's {@code exp} may lie
 * (default 10m, at most 1h)
 * @param maxPermissionsPerTicket the largest permission request accepted (default 20, at
 * most 50)
 * @param ticketStore where permission tickets are kept: {@code auto} (default: in memory
 * when the database is an embedded H2, which only this process can open; in the database
 * otherwise; in Redis with the {@code cluster} profile), {@code memory} or
 * {@code database}
 * @param ticketCapacity the most tickets the in-memory store holds at once (default
 * 50000)
 */
@ConfigurationProperties("concord.uma")
public record UmaProperties(@DefaultValue("5m") Duration ticketTtl, @DefaultValue("5m") Duration rptTtl,
		@DefaultValue("10m") Duration claimTokenMaxAge, @DefaultValue("20") int maxPermissionsPerTicket,
		@DefaultValue("auto") String ticketStore, @DefaultValue("50000") int ticketCapacity) {

	public UmaProperties {
		check("ticket-ttl", ticketTtl);
		check("rpt-ttl", rptTtl);
		check("claim-token-max-age", claimTokenMaxAge);
		if (maxPermissionsPerTicket < 1 || maxPermissionsPerTicket > 50) {
			throw new IllegalArgumentException("concord.uma.max-permissions-per-ticket must be 1 to 50");
		}
		if (!List.of("auto", "memory", "database").contains(ticketStore)) {
			throw new IllegalArgumentException("concord.uma.ticket-store must be auto, memory or database");
		}
		if (ticketCapacity < 1) {
			throw new IllegalArgumentException("concord.uma.ticket-capacity must be positive");
		}
	}

	private static void check(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero() || value.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("concord.uma." + name + " must be positive and at most 1h");
		}
	}

}
