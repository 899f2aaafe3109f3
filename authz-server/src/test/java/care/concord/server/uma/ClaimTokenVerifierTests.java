package care.concord.server.uma;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import care.concord.server.oauth.ConcordClientSettings;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ClaimTokenVerifier}: signed practitioner JWTs for clients with keys,
 * unsigned claims only for clients without.
 */
class ClaimTokenVerifierTests {

	static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	static final List<String> AUDIENCES = List.of("https://concord.example", "https://concord.example/oauth2/token");

	static RSAKey key;

	static RSAKey otherKey;

	final ClaimTokenVerifier verifier = new ClaimTokenVerifier(Duration.ofMinutes(10),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@BeforeAll
	static void keys() throws Exception {
		key = new RSAKeyGenerator(2048).keyID("k1").generate();
		otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
	}

	static RegisteredClient keyedClient() {
		return RegisteredClient.withId("1")
			.clientId("gp-client")
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientSettings(ClientSettings.builder()
				.setting(ConcordClientSettings.JWK_SET, new JWKSet(key.toPublicJWK()).toString(true))
				.build())
			.build();
	}

	static RegisteredClient secretClient() {
		return RegisteredClient.withId("2")
			.clientId("gp-secret")
			.clientSecret("{noop}x")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.build();
	}

	static String jwt(RSAKey signer, String issuer, String audience, Instant expiresAt) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.audience(audience)
			.issueTime(Date.from(NOW.minusSeconds(10)))
			.expirationTime(Date.from(expiresAt))
			.claim("purpose_of_use", "ETREAT")
			.claim("practitioner_role", "clinician")
			.claim("practitioner_id", "P-7")
			.claim("break_glass_reason", "unconscious")
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
				claims);
		jwt.sign(new RSASSASigner(signer));
		return jwt.serialize();
	}

	static String plain(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void verifyWhenSignedByRegisteredKeyThenClaimsWithFhirPurposeMapped() throws Exception {
		PractitionerClaims claims = this.verifier.verify(keyedClient(), ClaimTokenVerifier.PRACTITIONER_JWT,
				jwt(key, "gp-client", "https://concord.example", NOW.plusSeconds(60)), AUDIENCES);
		assertThat(claims).isEqualTo(new PractitionerClaims("emergency-care", "clinician", "P-7", "unconscious"));
	}

	@Test
	void verifyWhenSignedByAnotherKeyThenInvalidGrant() throws Exception {
		assertError(keyedClient(), ClaimTokenVerifier.PRACTITIONER_JWT,
				jwt(otherKey, "gp-client", "https://concord.example", NOW.plusSeconds(60)), "invalid_grant");
	}

	@Test
	void verifyWhenExpiredThenInvalidGrant() throws Exception {
		assertError(keyedClient(), ClaimTokenVerifier.PRACTITIONER_JWT,
				jwt(key, "gp-client", "https://concord.example", NOW.minusSeconds(60)), "invalid_grant");
	}

	@Test
	void verifyWhenExpiryTooFarAheadThenInvalidGrant() throws Exception {
		assertError(keyedClient(), ClaimTokenVerifier.PRACTITIONER_JWT,
				jwt(key, "gp-client", "https://concord.example", NOW.plus(Duration.ofHours(2))), "invalid_grant");
	}

	@Test
	void verifyWhenAudienceElsewhereThenInvalidGrant() throws Exception {
		assertError(keyedClient(), ClaimTokenVerifier.PRACTITIONER_JWT,
				jwt(key, "gp-client", "https://elsewhere.example", NOW.plusSeconds(60)), "invalid_grant");
	}

	@Test
	void verifyWhenIssuerIsAnotherClientThenInvalidGrant() throws Exception {
		assertError(keyedClient(), ClaimTokenVerifier.PRACTITIONER_JWT,
				jwt(key, "someone-else", "https://concord.example", NOW.plusSeconds(60)), "invalid_grant");
	}

	@Test
	void verifyWhenMacSignedThenInvalidGrant() throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("gp-client")
			.audience("https://concord.example")
			.issueTime(Date.from(NOW))
			.expirationTime(Date.from(NOW.plusSeconds(60)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		jwt.sign(new MACSigner(new byte[32]));
		assertError(keyedClient(), ClaimTokenVerifier.PRACTITIONER_JWT, jwt.serialize(), "invalid_grant");
	}

	@Test
	void verifyWhenNotAJwtThenInvalidRequest() {
		assertError(keyedClient(), ClaimTokenVerifier.PRACTITIONER_JWT, "not-a-jwt", "invalid_request");
	}

	@Test
	void verifyWhenSecretClientSendsJwtFormatThenInvalidGrant() throws Exception {
		assertError(secretClient(), ClaimTokenVerifier.PRACTITIONER_JWT,
				jwt(key, "gp-secret", "https://concord.example", NOW.plusSeconds(60)), "invalid_grant");
	}

	@Test
	void verifyWhenSecretClientSendsClaimsThenRead() {
		long now = NOW.getEpochSecond();
		PractitionerClaims claims = this.verifier.verify(secretClient(), ClaimTokenVerifier.PRACTITIONER_CLAIMS,
				plain("{\"purpose_of_use\":\"direct-care\",\"practitioner_role\":\"nurse\",\"iat\":" + now + ",\"exp\":"
						+ (now + 60) + "}"),
				AUDIENCES);
		assertThat(claims).isEqualTo(new PractitionerClaims("direct-care", "nurse", null, null));
		assertThat(claims.missingRequiredClaims()).isEmpty();
	}

	@Test
	void verifyWhenClaimsWithoutExpiryThenInvalidGrant() {
		assertError(secretClient(), ClaimTokenVerifier.PRACTITIONER_CLAIMS,
				plain("{\"purpose_of_use\":\"direct-care\",\"practitioner_role\":\"nurse\"}"), "invalid_grant");
	}

	@Test
	void verifyWhenKeyedClientSendsUnsignedClaimsThenInvalidRequest() {
		long now = NOW.getEpochSecond();
		assertError(keyedClient(), ClaimTokenVerifier.PRACTITIONER_CLAIMS,
				plain("{\"iat\":" + now + ",\"exp\":" + (now + 60) + "}"), "invalid_request");
	}

	@Test
	void verifyWhenClaimNotAStringThenInvalidRequest() {
		long now = NOW.getEpochSecond();
		assertError(secretClient(), ClaimTokenVerifier.PRACTITIONER_CLAIMS,
				plain("{\"purpose_of_use\":7,\"iat\":" + now + ",\"exp\":" + (now + 60) + "}"), "invalid_request");
	}

	@Test
	void verifyWhenUnknownFormatThenInvalidRequest() {
		assertError(secretClient(), "urn:example:saml", "abc", "invalid_request");
	}

	@Test
	void missingRequiredClaimsWhenNoneThenPurposeAndRole() {
		assertThat(PractitionerClaims.NONE.missingRequiredClaims()).containsExactly("purpose_of_use",
				"practitioner_role");
	}

	void assertError(RegisteredClient client, String format, String token, String code) {
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.verifier.verify(client, format, token, AUDIENCES))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(code));
	}

}
