package care.concord.server.config;

import care.concord.server.web.RequestSizeLimitFilter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Server-wide settings ({@code concord.*}); token lifetimes and keys have their own
 * records ({@code concord.tokens.*}, {@code concord.keys.*}).
 *
 * @param issuer the issuer identifier (RFC 8414 section 2), e.g.
 * {@code https://concord.example.nhs.uk}; required in production; never derived from a
 * request (application.yml defaults it to {@code http://localhost:<server.port>}, and a
 * warning is logged at start while it names a loopback host)
 * @param http HTTP limits
 * @param api API chain settings
 * @param bootstrapAdmin the first administrator, from
 * {@code CONCORD_BOOTSTRAP_ADMIN_USERNAME} / {@code CONCORD_BOOTSTRAP_ADMIN_PASSWORD}
 * @param redis whether Redis is used at all ({@code concord.redis.enabled}, default
 * false)
 * @param passwords people's password hashing
 */
@ConfigurationProperties("concord")
public record ConcordProperties(String issuer, @DefaultValue Http http, @DefaultValue Api api,
		@DefaultValue BootstrapAdmin bootstrapAdmin, @DefaultValue Redis redis, @DefaultValue Passwords passwords) {

	/**
	 * @param encoder the hash of new and upgraded passwords: {@code argon2} (default:
	 * Argon2id, 19 MiB, 2 iterations, OWASP's first recommendation) or {@code bcrypt};
	 * hashes of the other kind still verify and are re-hashed at the person's next login
	 * @param bcryptStrength bcrypt log2 cost when the encoder is bcrypt (default 12; 10
	 * to 16 in production)
	 */
	public record Passwords(@DefaultValue("argon2") String encoder, @DefaultValue("12") int bcryptStrength) {

		public Passwords {
			if (!"argon2".equals(encoder) && !"bcrypt".equals(encoder)) {
				throw new IllegalArgumentException("concord.passwords.encoder must be argon2 or bcrypt");
			}
		}

	}

	/**
	 * @param maxRequestSize the largest accepted request body (default 64KB)
	 */
	public record Http(@DefaultValue(RequestSizeLimitFilter.DEFAULT_MAX_REQUEST_SIZE) DataSize maxRequestSize) {
	}

	/**
	 * @param checkTokenStatus when true (default) the API chain accepts a JWT only while
	 * its authorization is still active in the store (not revoked) and its client and
	 * organisation are enabled
	 */
	public record Api(@DefaultValue("true") boolean checkTokenStatus) {
	}

	/**
	 * @param username the bootstrap administrator's username
	 * @param password the bootstrap administrator's password
	 */
	public record BootstrapAdmin(String username, String password) {
	}

	/**
	 * @param enabled whether Redis auto-configuration and its health indicator are active
	 */
	public record Redis(@DefaultValue("false") boolean enabled) {
	}

}
