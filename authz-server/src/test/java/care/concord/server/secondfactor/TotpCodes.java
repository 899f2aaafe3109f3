package care.concord.server.secondfactor;

import java.time.Instant;

/**
 * What an authenticator app shows, for browser tests: the code of a secret now, or some
 * steps ahead.
 */
public final class TotpCodes {

	private TotpCodes() {
	}

	public static String code(String secret, int stepsAhead) {
		return Totp.code(secret, Totp.step(Instant.now()) + stepsAhead);
	}

}
