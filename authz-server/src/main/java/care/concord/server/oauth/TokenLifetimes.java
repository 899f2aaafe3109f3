package care.concord.server.oauth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token lifetimes ({@code concord.tokens.*}), following the HEART and iGov profiles'
 * limits.
 *
 * @param clientCredentialsTtl access tokens of the {@code client_credentials} grant
 * (default 15m, at most 1h)
 * @param accessTtl access tokens issued to confidential clients on behalf of a person
 * (default 15m, at most 1h)
 * @param publicClientAccessTtl access tokens of public clients (default 10m, at most 15m)
 * @param refreshTtl refresh tokens (default 8h); rotated on every use
 * @param authorizationCodeTtl authorization codes (default 1m, at most 10m)
 * @see <a href=
 * "https://openid.net/specs/openid-heart-oauth2-1_0.html#rfc.section.4.3">HEART OAuth 2.0
 * section 4.3</a>
 */
@ConfigurationProperties("concord.tokens")
public record TokenLifetimes(@DefaultValue("15m") Duration clientCredentialsTtl,
		@DefaultValue("15m") Duration accessTtl, @DefaultValue("10m") Duration publicClientAccessTtl,
		@DefaultValue("8h") Duration refreshTtl, @DefaultValue("1m") Duration authorizationCodeTtl) {

	/** Upper bound of {@link #clientCredentialsTtl()} and {@link #accessTtl()}. */
	public static final Duration MAX_ACCESS = Duration.ofHours(1);

	/** Upper bound of {@link #publicClientAccessTtl()}. */
	public static final Duration MAX_PUBLIC_ACCESS = Duration.ofMinutes(15);

	public TokenLifetimes {
		check("client-credentials-ttl", clientCredentialsTtl, MAX_ACCESS);
		check("access-ttl", accessTtl, MAX_ACCESS);
		check("public-client-access-ttl", publicClientAccessTtl, MAX_PUBLIC_ACCESS);
		check("refresh-ttl", refreshTtl, Duration.ofDays(30));
		check("authorization-code-ttl", authorizationCodeTtl, Duration.ofMinutes(10));
	}

	private static void check(String name, Duration value, Duration max) {
		if (value == null || value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
			throw new IllegalArgumentException("concord.tokens." + name + " must be positive and at most " + max);
		}
	}

}
