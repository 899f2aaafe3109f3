package care.concord.server.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.WithNull;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuditHashing}: the documented encoding, byte for byte, and that it is
 * injective.
 */
class AuditHashingTests {

	@Test
	void encodeWhenFieldsGivenThenTagThenLengthPrefixedUtf8WithMinusOneForNull() throws IOException {
		byte[] encoded = AuditHashing.encode(Arrays.asList("42", null, "", "é"));

		assertThat(encoded).isEqualTo(independentEncoding("concord-audit-v1", "42", null, "", "é"));
	}

	@Test
	void hashWhenComputedThenLowercaseHexSha256OfEncoding() throws Exception {
		String hash = AuditHashing.hash(Arrays.asList("1", "2026-11-25T10:00:00Z", null));

		byte[] digest = MessageDigest.getInstance("SHA-256")
			.digest(independentEncoding("concord-audit-v1", "1", "2026-11-25T10:00:00Z", null));
		assertThat(hash).isEqualTo(HexFormat.of().formatHex(digest)).matches("[0-9a-f]{64}");
	}

	@Test
	void hashWhenNullEmptyOrTextNullThenAllDiffer() {
		String ofNull = AuditHashing.hash(Arrays.asList((String) null));
		String ofEmpty = AuditHashing.hash(List.of(""));
		String ofText = AuditHashing.hash(List.of("null"));

		assertThat(List.of(ofNull, ofEmpty, ofText)).doesNotHaveDuplicates();
	}

	@Test
	void hashWhenCharactersMoveAcrossFieldBoundaryThenDiffers() {
		assertThat(AuditHashing.hash(List.of("ab", "c"))).isNotEqualTo(AuditHashing.hash(List.of("a", "bc")));
	}

	@Property
	boolean encodeWhenFieldListsDifferThenEncodingsDiffer(@ForAll @Size(max = 4) List<@WithNull(0.2) String> first,
			@ForAll @Size(max = 4) List<@WithNull(0.2) String> second) {
		return first.equals(second) == Arrays.equals(AuditHashing.encode(first), AuditHashing.encode(second));
	}

	@Test
	void isHashWhenSixtyFourLowercaseHexThenTrueElseFalse() {
		assertThat(AuditHashing.isHash(AuditHashing.GENESIS_HASH)).isTrue();
		assertThat(AuditHashing.isHash(AuditHashing.hash(List.of("x")))).isTrue();
		assertThat(AuditHashing.isHash("A".repeat(64))).isFalse();
		assertThat(AuditHashing.isHash("0".repeat(63))).isFalse();
		assertThat(AuditHashing.isHash(null)).isFalse();
	}

	/**
	 * The encoding written out the long way, as a reader of the Javadoc would implement
	 * it.
	 */
	private static byte[] independentEncoding(String... items) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		for (String item : items) {
			if (item == null) {
				out.writeInt(-1);
			}
			else {
				byte[] utf8 = item.getBytes(StandardCharsets.UTF_8);
				out.writeInt(utf8.length);
				out.write(utf8);
			}
		}
		return bytes.toByteArray();
	}

}
