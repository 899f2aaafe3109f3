package care.concord.identity.matching.blocking;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import care.concord.identity.demographics.PersonRecord;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.demographics.Standardiser;

import static org.assertj.core.api.Assertions.assertThat;

class CandidatePairsTests {

	private final Standardiser standardiser = new Standardiser(Standardiser.DateMode.STRICT, LocalDate.of(2026, 1, 1));

	private StandardisedPerson person(String id, String dob) {
		return this.standardiser
			.standardise(PersonRecord.builder(id).givenName("ann").familyName("lee").dateOfBirth(dob).build());
	}

	@Test
	void dedupeWhenRecordsShareKeysInSeveralPassesThenEachPairOnceOrdered() {
		List<StandardisedPerson> records = List.of(person("a", "1980-03-12"), person("b", "1990-01-01"),
				person("c", "1980-03-12"));
		long[] pairs = CandidatePairs.dedupe(records, BlockingScheme.standard(false), 100);
		assertThat(pairs).hasSize(3);
		for (long p : pairs) {
			assertThat(CandidatePairs.left(p)).isLessThan(CandidatePairs.right(p));
		}
		long[] byDate = CandidatePairs.dedupe(records, BlockingScheme.of(EnumSet.of(BlockingRule.DATE_OF_BIRTH)), 100);
		assertThat(byDate).containsExactly(CandidatePairs.pack(0, 2));
	}

	@Test
	void dedupeWhenBlockExceedsCapThenSkipped() {
		List<StandardisedPerson> records = List.of(person("a", "1980-03-12"), person("b", "1980-03-12"),
				person("c", "1980-03-12"));
		assertThat(CandidatePairs.dedupe(records, BlockingScheme.of(EnumSet.of(BlockingRule.DATE_OF_BIRTH)), 2))
			.isEmpty();
	}

	@Test
	void linkWhenKeysSharedAcrossListsThenCrossPairsOnly() {
		List<StandardisedPerson> left = List.of(person("a", "1980-03-12"), person("b", "1980-03-12"));
		List<StandardisedPerson> right = List.of(person("c", "1980-03-12"));
		long[] pairs = CandidatePairs.link(left, right, BlockingScheme.of(EnumSet.of(BlockingRule.DATE_OF_BIRTH)), 100);
		assertThat(pairs).containsExactly(CandidatePairs.pack(0, 0), CandidatePairs.pack(1, 0));
	}

}
