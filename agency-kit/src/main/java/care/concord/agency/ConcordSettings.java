package care.concord.agency;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where Concord is and who this agency is there: the issuer, the agency's client
 * credentials (a {@code client_secret_basic} client registered for the agency), the
 * time-out of every call to Concord and how long an RPT's introspection may be reused.
 *
 * @param issuer Concord's issuer, e.g. {@code https://concord.example}; its endpoints are
 * the issuer plus {@code /oauth2/token}, {@code /oauth2/introspect},
 * {@code /uma/resource_set} and {@code /uma/permission}
 * @param clientId the agency's client id
 * @param clientSecret the client's secret
 * @param timeout time-out of each call to Concord (connect and response), at most 30 s
 * @param introspectionCacheTtl how long an introspection answer is reused, at most 1 s: a
 * citizen's change of consent is enforced within that time
 */
public record ConcordSettings(URI issuer, String clientId, String clientSecret, Duration timeout,
		Duration introspectionCacheTtl) {

	/** The longest an introspection answer may be reused (the revocation target). */
	public static final Duration MAX_INTROSPECTION_CACHE_TTL = Duration.ofSeconds(1);

	public ConcordSettings {
		Objects.requireNonNull(issuer, "issuer is required");
		if (!"https".equals(issuer.getScheme()) && !"http".equals(issuer.getScheme())) {
			throw new IllegalArgumentException("issuer must be an http(s) URL: " + issuer);
		}
		if (clientId == null || clientId.isBlank()) {
			throw new IllegalArgumentException("clientId is required");
		}
		if (clientSecret == null || clientSecret.isEmpty()) {
			throw new IllegalArgumentException("clientSecret is required");
		}
		timeout = (timeout != null) ? timeout : Duration.ofSeconds(2);
		if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
			throw new IllegalArgumentException("timeout must be between 1 ms and 30 s: " + timeout);
		}
		introspectionCacheTtl = (introspectionCacheTtl != null) ? introspectionCacheTtl : Duration.ofMillis(500);
		if (introspectionCacheTtl.isNegative() || introspectionCacheTtl.compareTo(MAX_INTROSPECTION_CACHE_TTL) > 0) {
			throw new IllegalArgumentException("introspectionCacheTtl must be between 0 and "
					+ MAX_INTROSPECTION_CACHE_TTL + ": " + introspectionCacheTtl);
		}
		String text = issuer.toString();
		if (text.endsWith("/")) {
			issuer = URI.create(text.substring(0, text.length() - 1));
		}
	}

	/** Settings with the default time-out (2 s) and introspection cache (500 ms). */
	public static ConcordSettings of(String issuer, String clientId, String clientSecret) {
		return new ConcordSettings(URI.create(issuer), clientId, clientSecret, null, null);
	}

	URI endpoint(String path) {
		return URI.create(this.issuer + path);
	}

}
