package care.concord.server.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-client request budgets ({@code concord.rate-limit.*}). Off by default on a single
 * node; the {@code cluster} profile turns them on.
 *
 * @param enabled whether budgets are enforced
 * @param window the length of a budget window
 * @param tokenRequests token endpoint requests per client per window
 * @param decisionRequests decision API (AuthZEN) requests per client per window
 */
@ConfigurationProperties("concord.rate-limit")
public record RateLimitProperties(Boolean enabled, Duration window, Integer tokenRequests, Integer decisionRequests) {

	public RateLimitProperties {
		enabled = (enabled != null) ? enabled : Boolean.FALSE;
		window = (window != null) ? window : Duration.ofMinutes(1);
		tokenRequests = (tokenRequests != null) ? tokenRequests : 600;
		decisionRequests = (decisionRequests != null) ? decisionRequests : 6000;
		if (window.isNegative() || window.isZero() || tokenRequests < 1 || decisionRequests < 1) {
			throw new IllegalArgumentException("concord.rate-limit: window and budgets must be positive");
		}
	}

}
