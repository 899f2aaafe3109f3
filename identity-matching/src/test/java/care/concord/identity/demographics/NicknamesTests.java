package care.concord.identity.demographics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NicknamesTests {

	private final Nicknames nicknames = Nicknames.standard();

	@Test
	void canonicalWhenCommonNicknameThenFormalName() {
		assertThat(this.nicknames.canonical("bill")).isEqualTo("william");
		assertThat(this.nicknames.canonical("peggy")).isEqualTo("margaret");
		assertThat(this.nicknames.canonical("william")).isEqualTo("william");
		assertThat(this.nicknames.canonical(null)).isNull();
	}

	@Test
	void sameNameWhenTwoNicknamesOfOneNameThenTrue() {
		assertThat(this.nicknames.sameName("bill", "will")).isTrue();
		assertThat(this.nicknames.sameName("peggy", "maggie")).isTrue();
		assertThat(this.nicknames.sameName("sam", "samantha")).isTrue();
		assertThat(this.nicknames.sameName("bill", "robert")).isFalse();
		assertThat(this.nicknames.sameName(null, "bill")).isFalse();
	}

	@Test
	void standardWhenLoadedThenTableIsNotTrivial() {
		assertThat(this.nicknames.size()).isGreaterThan(100);
	}

}
