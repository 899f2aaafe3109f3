package care.concord.server.uma;

import java.security.SecureRandom;
import java.util.Base64;

import care.concord.server.domain.Sha256;

/**
 * What every {@link PermissionTicketStore} does alike with a ticket's value: make it (256
 * random bits, base64url), key it by its SHA-256 (no store keeps a redeemable ticket),
 * refuse values no store could have issued, and name it in audit records without
 * disclosing it.
 */
public final class PermissionTicketValues {

	/** Longer values are never looked up: no store issues them. */
	static final int MAX_LENGTH = 256;

	private static final int TICKET_BYTES = 32;

	private PermissionTicketValues() {
	}

	/** A new ticket value: 256 bits from {@code random}, base64url without padding. */
	static String newValue(SecureRandom random) {
		byte[] bytes = new byte[TICKET_BYTES];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Whether {@code value} could be a ticket at all (not empty, not over-long). */
	static boolean plausible(String value) {
		return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH;
	}

	/** The key a store keeps a ticket under: the SHA-256 of its value, hex. */
	static String hash(String value) {
		return Sha256.hex(value);
	}

	/**
	 * A non-secret reference to a ticket for audit records: {@code tkt:} and 128 bits of
	 * its SHA-256.
	 */
	public static String reference(String ticket) {
		return "tkt:" + hash(ticket).substring(0, 32);
	}

}
