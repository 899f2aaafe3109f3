package care.concord.server.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import care.concord.server.domain.Sha256;

/**
 * The canonical encoding of an audit record and the SHA-256 hash over it that links the
 * chain.
 *
 * <p>
 * Encoding, version 1: the domain tag {@code concord-audit-v1} followed by each field of
 * {@link AuditRecord#canonicalFields()} in that fixed order. Every item (the tag
 * included) is written as a 4-byte big-endian signed length followed by that many bytes
 * of UTF-8; a {@code null} field is the length {@code -1} with no bytes, so that null,
 * the empty string and the text "null" all differ. The length prefix makes the encoding
 * injective: no choice of field values can shift bytes from one field into the next. The
 * previous record's hash is the last field, which is what chains the records.
 *
 * <p>
 * The hash is the lowercase hexadecimal SHA-256 of the encoding. The first record's
 * previous hash is {@link #GENESIS_HASH} (64 zeros).
 */
public final class AuditHashing {

	/** The previous hash of the first record in the chain. */
	public static final String GENESIS_HASH = "0".repeat(64);

	/**
	 * Names the encoding version; a future change of fields or formats gets a new tag.
	 */
	static final String DOMAIN_TAG = "concord-audit-v1";

	private static final HexFormat HEX = HexFormat.of();

	private AuditHashing() {
	}

	/**
	 * The canonical bytes of the given fields (in {@link AuditRecord#canonicalFields()}
	 * order).
	 */
	public static byte[] encode(List<String> fields) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(512);
		writeItem(out, DOMAIN_TAG);
		for (String field : fields) {
			writeItem(out, field);
		}
		return out.toByteArray();
	}

	/**
	 * Lowercase hexadecimal SHA-256 of {@link #encode(List) the canonical encoding} of
	 * the fields.
	 */
	public static String hash(List<String> fields) {
		return HEX.formatHex(sha256().digest(encode(fields)));
	}

	/**
	 * True when the text looks like a hash this class produces: 64 lowercase hexadecimal
	 * digits.
	 */
	public static boolean isHash(String text) {
		if (text == null || text.length() != 64) {
			return false;
		}
		for (int i = 0; i < 64; i++) {
			char c = text.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static void writeItem(ByteArrayOutputStream out, String value) {
		if (value == null) {
			writeInt(out, -1);
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		writeInt(out, bytes.length);
		out.writeBytes(bytes);
	}

	private static void writeInt(ByteArrayOutputStream out, int value) {
		out.write(value >>> 24);
		out.write(value >>> 16);
		out.write(value >>> 8);
		out.write(value);
	}

	private static MessageDigest sha256() {
		return Sha256.newDigest();
	}

}
