package care.concord.server.oauth;

import java.time.Instant;
import java.util.Base64;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PrivateKeyProtectionTests {

	static final String KEK = Base64.getEncoder().encodeToString(new byte[32]);

	static final String OTHER_KEK = Base64.getEncoder().encodeToString("another key-encryption key 32 by".getBytes());

	@Test
	void sealedKeyIsNotThePkcs8AndOpensToASigningKey() throws Exception {
		PrivateKeyProtection protection = PrivateKeyProtection.of(KEK);
		SigningKey key = SigningKeyMaterial.generate("RS256", 2048, Instant.now());
		String pkcs8 = key.getPrivateKey();
		key.protectPrivateKey(protection);
		assertThat(key.getPrivateKey()).startsWith("enc:v1:" + protection.kekId() + ":").doesNotContain(pkcs8);
		RSAKey jwk = (RSAKey) SigningKeyMaterial.toPrivateJwk(key, protection);
		JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("x"));
		jws.sign(new RSASSASigner(jwk));
		assertThat(jws.verify(new RSASSAVerifier((RSAKey) SigningKeyMaterial.toPublicJwk(key)))).isTrue();
		key.protectPrivateKey(protection);
		assertThat(protection.open(key.getKid(), key.getPrivateKey())).as("sealing twice is a no-op").isEqualTo(pkcs8);
	}

	@Test
	void sealedKeyDoesNotOpenWithoutTheKekOrWithAnotherOne() {
		PrivateKeyProtection protection = PrivateKeyProtection.of(KEK);
		String sealed = protection.seal("kid-1", "MIIEvQIBADANBg");
		assertThatIllegalStateException().isThrownBy(() -> PrivateKeyProtection.none().open("kid-1", sealed))
			.withMessageContaining("no concord.keys.encryption-key");
		assertThatIllegalStateException().isThrownBy(() -> PrivateKeyProtection.of(OTHER_KEK).open("kid-1", sealed))
			.withMessageContaining("not with the configured one");
	}

	@Test
	void sealedValueIsBoundToItsKidAndToItsBytes() {
		PrivateKeyProtection protection = PrivateKeyProtection.of(KEK);
		String sealed = protection.seal("kid-1", "MIIEvQIBADANBg");
		assertThat(protection.open("kid-1", sealed)).isEqualTo("MIIEvQIBADANBg");
		assertThatIllegalStateException().isThrownBy(() -> protection.open("kid-2", sealed));
		char last = sealed.charAt(sealed.length() - 3);
		String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A')
				+ sealed.substring(sealed.length() - 2);
		assertThatIllegalStateException().isThrownBy(() -> protection.open("kid-1", tampered));
	}

	@Test
	void withoutKekKeysStayPkcs8AndBadKeksAreRefused() {
		assertThat(PrivateKeyProtection.of("").enabled()).isFalse();
		assertThat(PrivateKeyProtection.none().seal("kid", "MIIE")).isEqualTo("MIIE");
		assertThatIllegalArgumentException().isThrownBy(() -> PrivateKeyProtection.of("c2hvcnQ="))
			.withMessageContaining("32 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> PrivateKeyProtection.of("not base64!"));
	}

}
