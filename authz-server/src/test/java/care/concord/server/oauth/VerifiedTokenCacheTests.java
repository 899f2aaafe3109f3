package care.concord.server.oauth;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokenCacheTests {

	final AtomicInteger verifications = new AtomicInteger();

	final AtomicBoolean revoked = new AtomicBoolean();

	final JwtDecoder verifier = (token) -> {
		this.verifications.incrementAndGet();
		if (!token.startsWith("good")) {
			throw new BadJwtException("bad signature");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.claim("jti", token)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
	};

	final VerifiedTokenCache cache = new VerifiedTokenCache(this.verifier,
			(jwt) -> this.revoked.get()
					? OAuth2TokenValidatorResult
						.failure(new OAuth2Error("invalid_token", "the token has been revoked", null))
					: OAuth2TokenValidatorResult.success());

	@Test
	void signatureIsVerifiedOncePerToken() {
		assertThat(this.cache.decode("good-1").getId()).isEqualTo("good-1");
		assertThat(this.cache.decode("good-1").getId()).isEqualTo("good-1");
		assertThat(this.cache.decode("good-2").getId()).isEqualTo("good-2");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void validatorRunsOnEveryCallSoARevocationCountsAtOnce() {
		this.cache.decode("good-1");
		this.revoked.set(true);
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.cache.decode("good-1"))
			.withMessageContaining("revoked");
	}

	@Test
	void failuresAreNotCached() {
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode("forged"));
		assertThat(this.verifications).hasValue(2);
	}

}
