package care.concord.server.oauth;

import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConcordJwtEncoderTests {

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	@ParameterizedTest
	@ValueSource(strings = { "auto", "jdk" })
	void rs256TokensVerifyWithThePublicKeyAndCarryTheClaims(String provider) throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k1")
			.algorithm(JWSAlgorithm.RS256)
			.keyUse(KeyUse.SIGNATURE)
			.generate();
		ConcordJwtEncoder encoder = new ConcordJwtEncoder(() -> key, provider);
		Jwt jwt = encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("k1").build(), claims()));
		SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
		assertThat(parsed.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
		assertThat(parsed.getHeader().getKeyID()).isEqualTo("k1");
		assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(parsed.getJWTClaimsSet().getIssuer()).isEqualTo("https://concord.example");
		assertThat(parsed.getJWTClaimsSet().getAudience()).containsExactly("a", "b");
		assertThat(parsed.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(900));
		assertThat(parsed.getJWTClaimsSet().getStringListClaim("scope")).containsExactly("decision", "identity");
		assertThat(parsed.getJWTClaimsSet().getStringClaim("org_code")).isEqualTo("A81001");
		assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plusSeconds(900));
		assertThat(jwt.getHeaders()).containsEntry("kid", "k1");
	}

	@Test
	void conscryptSignsRsaWhereItLoads() {
		RSAKey key = rsa("k1");
		ConcordJwtEncoder encoder = new ConcordJwtEncoder(() -> key, "auto");
		assertThat(encoder.rsaProviderName()).isEqualTo(org.conscrypt.Conscrypt.isAvailable() ? "Conscrypt" : "JDK");
		assertThat(new ConcordJwtEncoder(() -> key, "jdk").rsaProviderName()).isEqualTo("JDK");
	}

	@ParameterizedTest
	@ValueSource(strings = { "auto", "jdk" })
	void es256TokensVerifyWithThePublicKeyAndSignWithConscryptWhereItLoads(String provider) throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec1").algorithm(JWSAlgorithm.ES256).generate();
		ConcordJwtEncoder encoder = new ConcordJwtEncoder(() -> key, provider);
		for (int i = 0; i < 20; i++) { // ECDSA signatures are randomised: each one must
										// verify
			Jwt jwt = encoder.encode(JwtEncoderParameters.from(claims()));
			SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
			assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
			assertThat(parsed.getSignature().decode()).hasSize(64);
			assertThat(parsed.verify(new ECDSAVerifier(key.toECPublicKey()))).isTrue();
		}
		boolean conscrypt = "auto".equals(provider) && org.conscrypt.Conscrypt.isAvailable();
		assertThat(encoder.signingProviderName(key)).isEqualTo(conscrypt ? "Conscrypt" : "JDK");
	}

	@Test
	void afterRotationTheNewKeySigns() throws Exception {
		RSAKey first = rsa("first");
		RSAKey second = rsa("second");
		JWK[] current = { first };
		ConcordJwtEncoder encoder = new ConcordJwtEncoder(() -> current[0], "auto");
		assertThat(SignedJWT.parse(encoder.encode(JwtEncoderParameters.from(claims())).getTokenValue())
			.verify(new RSASSAVerifier(first.toRSAPublicKey()))).isTrue();
		current[0] = second;
		SignedJWT rotated = SignedJWT.parse(encoder.encode(JwtEncoderParameters.from(claims())).getTokenValue());
		assertThat(rotated.getHeader().getKeyID()).isEqualTo("second");
		assertThat(rotated.verify(new RSASSAVerifier(second.toRSAPublicKey()))).isTrue();
		assertThat(rotated.verify(new RSASSAVerifier(first.toRSAPublicKey()))).isFalse();
	}

	@Test
	void headersConcordNeverSetsAreRefused() {
		RSAKey key = rsa("k1");
		ConcordJwtEncoder encoder = new ConcordJwtEncoder(() -> key, "auto");
		assertThatExceptionOfType(JwtEncodingException.class)
			.isThrownBy(() -> encoder.encode(JwtEncoderParameters.from(
					JwsHeader.with(SignatureAlgorithm.RS256).jwkSetUrl("https://evil.example/jwks").build(), claims())))
			.withMessageContaining("jku");
		assertThatExceptionOfType(JwtEncodingException.class)
			.isThrownBy(() -> encoder
				.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).build(), claims())))
			.withMessageContaining("RS256");
		assertThatExceptionOfType(JwtEncodingException.class)
			.isThrownBy(() -> encoder.encode(
					JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("old").build(), claims())))
			.withMessageContaining("old");
	}

	@Test
	void unknownProviderIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ConcordJwtEncoder(() -> rsa("k"), "openssl"));
	}

	private static JwtClaimsSet claims() {
		return JwtClaimsSet.builder()
			.issuer("https://concord.example")
			.subject("client")
			.audience(List.of("a", "b"))
			.issuedAt(NOW)
			.notBefore(NOW)
			.expiresAt(NOW.plusSeconds(900))
			.id("jti-1")
			.claim("scope", List.of("decision", "identity"))
			.claim("org_code", "A81001")
			.build();
	}

	private static RSAKey rsa(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).algorithm(JWSAlgorithm.RS256).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
