package care.concord.server.uma;

import java.security.SecureRandom;

import care.concord.identity.nhs.NhsNumber;

/**
 * Test fixture: fresh random valid NHS numbers, so tests sharing the cached context never share a citizen.
 */
public final class TestNhsNumbers {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TestNhsNumbers() {
	}

	/** A random NHS number passing Modulus 11. */
	public static String random() {
		while (true) {
			StringBuilder digits = new StringBuilder();
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
