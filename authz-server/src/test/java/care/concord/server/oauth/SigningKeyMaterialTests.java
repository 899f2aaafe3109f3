package care.concord.server.oauth;

import java.time.Instant;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SigningKeyMaterialTests {

	@Test
	void generateWhenEs256ThenP256KeySignsAndVerifies() throws Exception {
		SigningKey key = SigningKeyMaterial.generate("ES256", Instant.now());
		JWK signing = SigningKeyMaterial.toPrivateJwk(key);
		assertThat(signing).isInstanceOf(ECKey.class);
		assertThat(((ECKey) signing).getCurve()).isEqualTo(Curve.P_256);
		assertThat(signing.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		JWK published = SigningKeyMaterial.toPublicJwk(key);
		assertThat(published.isPrivate()).isFalse();
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signing)));
		Jwt jwt = encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).keyId(key.getKid()).build(),
					JwtClaimsSet.builder().subject("s").build()));
		SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
		assertThat(parsed.verify(new ECDSAVerifier((ECKey) published))).isTrue();
		assertThat(parsed.getJWTClaimsSet().getSubject()).isEqualTo("s");
	}

	@Test
	void generateWhenRs256ThenEncodedMaterialRoundTrips() throws Exception {
		SigningKey key = SigningKeyMaterial.generate("RS256", 2048, Instant.now());
		assertThat(key.getPrivateKey()).isNotBlank();
		assertThat(SigningKeyMaterial.toPrivateJwk(key).toRSAKey().toPublicKey())
			.isEqualTo(SigningKeyMaterial.toPublicJwk(key).toRSAKey().toPublicKey());
		assertThat(SigningKeyMaterial.toPublicJwk(key).getKeyID()).isEqualTo(key.getKid());
	}

	@Test
	void algorithmWhenSymmetricOrUnknownThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKeyMaterial.algorithm("HS256"));
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKeyMaterial.algorithm("none"));
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKeyMaterial.algorithm(null));
	}

}
