package care.concord.server.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Brute-force defence settings ({@code concord.brute-force.*}); on by default.
 *
 * @param enabled whether sign-in and client authentication are throttled (default true)
 * @param delayAfter consecutive failed sign-ins of one account after which each further
 * failure makes the account wait 1 s, 2 s, 4 s, ... (default 3)
 * @param maxDelay the longest such wait (default 60 s)
 * @param lockAfter consecutive failed sign-ins after which the account is locked (default
 * 10)
 * @param lockout how long a lockout lasts unless an administrator lifts it (default 15
 * min)
 * @param sourceFailures failed sign-ins from one source address per {@code sourceWindow}
 * before that source is refused for the rest of the window (default 100)
 * @param sourceWindow window of the source budget (default 15 min)
 * @param clientFailures failed client authentications per {@code client_id} per
 * {@code clientWindow} before the endpoints answer 429 for that {@code client_id}
 * (default 10)
 * @param clientWindow window of the client budget (default 1 min)
 */
@ConfigurationProperties("concord.brute-force")
public record BruteForceProperties(@DefaultValue("true") boolean enabled, @DefaultValue("3") int delayAfter,
		@DefaultValue("60s") Duration maxDelay, @DefaultValue("10") int lockAfter,
		@DefaultValue("15m") Duration lockout, @DefaultValue("100") int sourceFailures,
		@DefaultValue("15m") Duration sourceWindow, @DefaultValue("10") int clientFailures,
		@DefaultValue("1m") Duration clientWindow) {

	public BruteForceProperties {
		if (delayAfter < 1 || lockAfter < delayAfter || sourceFailures < 1 || clientFailures < 1 || lockout.isNegative()
				|| maxDelay.isNegative() || sourceWindow.isZero() || clientWindow.isZero()) {
			throw new IllegalArgumentException("concord.brute-force: thresholds and windows must be positive");
		}
	}

}
