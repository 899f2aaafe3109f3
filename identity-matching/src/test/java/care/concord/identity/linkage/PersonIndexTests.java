package care.concord.identity.linkage;

import java.util.List;

import org.junit.jupiter.api.Test;

import care.concord.identity.TestPeople;
import care.concord.identity.demographics.InvalidFieldException;
import care.concord.identity.demographics.PersonRecord;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.demographics.Standardiser;
import care.concord.identity.matching.scoring.MatchClass;
import care.concord.identity.matching.scoring.MatchModel;

import static care.concord.identity.TestPeople.margaret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonIndexTests {

	private PersonIndex febrlIndex() {
		// FEBRL holds no relatives: its duplicates' replacement given names would
		// otherwise read as twins
		PersonIndex index = new PersonIndex(MatchModel.loadDefault(), false,
				new Standardiser(Standardiser.DateMode.LENIENT, TestPeople.TODAY), false);
		for (StandardisedPerson p : TestPeople.febrl(2, false)) {
			if (p.id().endsWith("-org")) {
				index.add(p);
			}
		}
		return index;
	}

	@Test
	void lookupWhenDuplicatesOfIndexedOriginalsThenOriginalRankedFirst() {
		PersonIndex index = febrlIndex();
		int found = 0;
		int asked = 0;
		for (StandardisedPerson p : TestPeople.febrl(2, false)) {
			if (p.id().contains("-dup-")) {
				asked++;
				List<IndexCandidate> result = index.lookup(p, 5, false);
				if (!result.isEmpty() && result.get(0).matchClass() == MatchClass.MATCH
						&& TestPeople.febrlPerson(result.get(0).id()).equals(TestPeople.febrlPerson(p.id()))) {
					found++;
				}
			}
		}
		assertThat(index.size()).isEqualTo(4000);
		assertThat((double) found / asked).isGreaterThan(0.98);
	}

	@Test
	void lookupWhenPersonUnknownThenNoMatchButNonMatchesOnRequest() {
		PersonIndex index = new PersonIndex(MatchModel.loadDefault(), true, Standardiser.strict());
		index.add(margaret("m1").build());
		PersonRecord stranger = PersonRecord.builder("q")
			.givenName("Mark")
			.familyName("Thornley")
			.dateOfBirth("1948-06-21")
			.postcode("YO1 7HH")
			.build();
		assertThat(index.lookup(stranger)).noneMatch(c -> c.matchClass() == MatchClass.MATCH);
		List<IndexCandidate> all = index.lookup(Standardiser.strict().standardise(stranger), 10, true);
		assertThat(all).extracting(IndexCandidate::id).containsExactly("m1");
	}

	@Test
	void lookupWhenNicknameAndMovedThenFoundWithScoreAndProbability() {
		PersonIndex index = new PersonIndex(MatchModel.loadDefault(), true, Standardiser.strict());
		index.add(margaret("m1").build());
		index.add(margaret("m2").givenName("Ahmed").familyName("Khan").dateOfBirth("1990-01-02").build());
		List<IndexCandidate> result = index.lookup(margaret("q").givenName("Peggy")
			.postcode("YO1 7HH")
			.streetNumber("3")
			.street("Stonegate")
			.locality(null)
			.town("York")
			.build());
		assertThat(result).hasSize(1);
		assertThat(result.get(0).id()).isEqualTo("m1");
		assertThat(result.get(0).matchClass()).isEqualTo(MatchClass.MATCH);
		assertThat(result.get(0).probability()).isGreaterThan(0.99);
	}

	@Test
	void addWhenFieldInvalidThenRejectedAndNotIndexed() {
		PersonIndex index = PersonIndex.withDefaultModel();
		assertThatThrownBy(() -> index.add(margaret("bad").dateOfBirth("1948-13-45").build()))
			.isInstanceOf(InvalidFieldException.class);
		assertThat(index.size()).isZero();
	}

	@Test
	void hashWhenDifferentKeysThenDifferentHashes() {
		assertThat(PersonIndex.hash("db:19800312")).isNotEqualTo(PersonIndex.hash("db:19800313"));
	}

	@Test
	void lookupWhenTwoPeopleFitTheRecordAlikeThenNeitherIsAMatch() {
		PersonIndex index = new PersonIndex(MatchModel.loadDefault(), false, Standardiser.strict());
		index.add(margaret("m1").build());
		index.add(margaret("t1").givenName("Olivia").build());
		List<IndexCandidate> noGivenName = index.lookup(margaret("q").givenName(null).build());
		List<IndexCandidate> margaret = index.lookup(margaret("q").build());

		assertThat(noGivenName).extracting(IndexCandidate::id).contains("m1", "t1");
		assertThat(noGivenName).noneMatch((c) -> c.matchClass() == MatchClass.MATCH);
		assertThat(margaret.get(0).id()).isEqualTo("m1");
		assertThat(margaret.get(0).matchClass()).isEqualTo(MatchClass.MATCH);
	}

}
