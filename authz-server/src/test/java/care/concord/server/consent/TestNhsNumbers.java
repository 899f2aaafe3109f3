package care.concord.server.consent;

import java.security.SecureRandom;

import care.concord.identity.nhs.NhsNumber;

/**
 * Test fixture: fresh random valid NHS numbers, so that tests sharing the cached context never collide on the
 * one-account-per-NHS-number rule.
 */
public final class TestNhsNumbers {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TestNhsNumbers() {
	}

	/** A random NHS number passing Modulus 11, as ten digits. */
	public static String random() {
		while (true) {
			StringBuilder digits = new StringBuilder(10);
			for (int i = 0; i < 9; i++) {
				digits.append(RANDOM.nextInt(10));
			}
			int check = NhsNumber.checkDigit(digits);
			if (check >= 0) {
				String candidate = digits.append(check).toString();
				if (NhsNumber.isValid(candidate)) {
					return candidate;
				}
			}
		}
	}

}
