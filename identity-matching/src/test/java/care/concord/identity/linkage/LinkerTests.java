package care.concord.identity.linkage;

import java.util.List;

import org.junit.jupiter.api.Test;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.matching.scoring.MatchClass;
import care.concord.identity.matching.scoring.MatchModel;

import static care.concord.identity.TestPeople.margaret;
import static care.concord.identity.TestPeople.standardise;
import static org.assertj.core.api.Assertions.assertThat;

class LinkerTests {

	private final Linker linker = new Linker(MatchModel.loadDefault(), false);

	private final StandardisedPerson peggy = standardise(margaret("b1").givenName("Peggy").postcode("LS6 2AD"));

	private final StandardisedPerson stranger = standardise(margaret("b2").givenName("John")
		.familyName("Ashworth")
		.dateOfBirth("1971-02-03")
		.streetNumber("2")
		.street("Otley Road")
		.identifier("4010232137"));

	@Test
	void linkWhenSamePersonWithTyposInOtherFileThenOneMatch() {
		List<ScoredPair> pairs = this.linker.link(List.of(standardise(margaret("a1"))),
				List.of(this.stranger, this.peggy));
		assertThat(pairs).hasSize(1);
		assertThat(pairs.get(0).left()).isZero();
		assertThat(pairs.get(0).right()).isEqualTo(1);
		assertThat(pairs.get(0).matchClass()).isEqualTo(MatchClass.MATCH);
	}

	@Test
	void dedupeWhenThreeRecordsOfOnePersonThenAllThreePairs() {
		List<StandardisedPerson> records = List.of(standardise(margaret("a1")), this.stranger, this.peggy,
				standardise(margaret("a3").familyName("Thornten").streetNumber(null)));
		List<ScoredPair> pairs = this.linker.dedupe(records);
		assertThat(pairs).extracting(p -> p.left() + "-" + p.right()).containsExactly("0-2", "0-3", "2-3");
	}

	@Test
	void dedupeWhenIdentifierIgnoredThenSameIdentifierAloneIsNoMatch() {
		StandardisedPerson other = standardise(margaret("z").givenName("Zoe")
			.familyName("Quinn")
			.dateOfBirth("2001-09-09")
			.postcode("M1 1AE")
			.streetNumber("99")
			.street("Deansgate")
			.locality(null)
			.town("Manchester")
			.region(null));
		assertThat(this.linker.dedupe(List.of(standardise(margaret("a")), other))).isEmpty();
	}

}
