package care.concord.server.oauth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.util.Assert;

/**
 * A {@link JwtDecoder} that verifies a token's signature once and then remembers the
 * result for that exact token string: a resource server sends the same PAT with every
 * request, and verifying an RSA signature and parsing the claims each time is wasted
 * work. The {@code validator} (lifetime, issuer, revocation and account status) still
 * runs on <em>every</em> call, so a token that expires or is revoked is refused at once.
 *
 * <p>
 * Only tokens that verified are cached, keyed by their full serialisation; at most
 * {@link #MAX_ENTRIES}, after which the cache starts afresh.
 */
public final class VerifiedTokenCache implements JwtDecoder {

	static final int MAX_ENTRIES = 10_000;

	private final JwtDecoder signatureVerifier;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

	/**
	 * @param signatureVerifier decodes and verifies the signature (its own validators may
	 * check lifetime too)
	 * @param validator checks run on every decode, cached or not
	 */
	public VerifiedTokenCache(JwtDecoder signatureVerifier, OAuth2TokenValidator<Jwt> validator) {
		Assert.notNull(signatureVerifier, "signatureVerifier cannot be null");
		Assert.notNull(validator, "validator cannot be null");
		this.signatureVerifier = signatureVerifier;
		this.validator = validator;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = (token != null) ? this.verified.get(token) : null;
		if (jwt == null) {
			jwt = this.signatureVerifier.decode(token);
			if (this.verified.size() >= MAX_ENTRIES) {
				this.verified.clear();
			}
			this.verified.put(token, jwt);
		}
		OAuth2TokenValidatorResult result = this.validator.validate(jwt);
		if (result.hasErrors()) {
			String description = result.getErrors().iterator().next().getDescription();
			throw new JwtValidationException("An error occurred while attempting to decode the Jwt: " + description,
					result.getErrors());
		}
		return jwt;
	}

}
