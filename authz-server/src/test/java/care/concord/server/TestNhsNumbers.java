package care.concord.server;

import java.util.concurrent.atomic.AtomicInteger;

import care.concord.identity.nhs.NhsNumber;

/**
 * Distinct valid NHS numbers for tests (citizen accounts must not share one).
 */
public final class TestNhsNumbers {

	private static final AtomicInteger NEXT = new AtomicInteger(900_000_000 + (int) (System.nanoTime() % 9_000_000));

	private TestNhsNumbers() {
	}

	/** A valid NHS number not returned before in this JVM. */
	public static String next() {
		while (true) {
			String nine = String.valueOf(NEXT.getAndIncrement());
			int check = NhsNumber.checkDigit(nine);
			String candidate = nine + check;
			if (check >= 0 && NhsNumber.isValid(candidate)) {
				return candidate;
			}
		}
	}

}
