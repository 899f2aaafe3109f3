package care.concord.policy.request;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTests {

	@Test
	void ofWhenShortAndPlainThenUnchanged() {
		assertThat(Printable.of("medications")).isEqualTo("medications");
		assertThat(Printable.of("Siân O'Neill")).isEqualTo("Siân O'Neill");
	}

	@Test
	void ofWhenLongThenCappedWithEllipsis() {
		assertThat(Printable.of("x".repeat(10_000))).isEqualTo("x".repeat(Printable.MAX_CHARS) + "...");
		assertThat(Printable.of("x".repeat(Printable.MAX_CHARS))).isEqualTo("x".repeat(Printable.MAX_CHARS));
	}

	@Test
	void ofWhenControlFormatOrSeparatorCharactersThenReplaced() {
		assertThat(Printable.of("a\nb\r\u0000c\u202ed\u2028e\u200bf")).isEqualTo("a?b??c?d?e?f");
	}

	@Test
	void ofWhenCapWouldSplitASurrogatePairThenPairDropped() {
		String value = "x".repeat(Printable.MAX_CHARS - 1) + "\uD83D\uDE00" + "tail";
		assertThat(Printable.of(value)).isEqualTo("x".repeat(Printable.MAX_CHARS - 1) + "...");
	}

	@Test
	void ofWhenNullThenTheWordNull() {
		assertThat(Printable.of(null)).isEqualTo("null");
	}

}
