package care.concord.server.secondfactor;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTests {

	/** RFC 6238 appendix B's SHA-1 secret, "12345678901234567890", in Base32. */
	private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	@Test
	void codeWhenRfc6238TestVectorsThenTheirLastSixDigits() {
		assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
		assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
		assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
	}

	@Test
	void matchingStepWhenOneStepEitherSideThenMatchedOtherwiseNot() {
		Instant now = Instant.ofEpochSecond(1111111109);
		long step = Totp.step(now);
		assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now)).hasValue(step - 1);
		assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now)).hasValue(step + 1);
		assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now)).isEmpty();
		assertThat(Totp.matchingStep(RFC_SECRET, "12345", now)).isEmpty();
		assertThat(Totp.matchingStep(RFC_SECRET, null, now)).isEmpty();
	}

	@Test
	void newSecretWhenDecodedThenTwentyRandomBytes() {
		String secret = Totp.newSecret();
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(Totp.decode(secret)).hasSize(20);
		assertThat(Totp.newSecret()).isNotEqualTo(secret);
	}

}
