package care.concord.identity.matching.scoring;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import care.concord.identity.demographics.StandardisedPerson;

import static care.concord.identity.TestPeople.margaret;
import static care.concord.identity.TestPeople.standardise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairScorerTests {

	private final MatchModel model = MatchModel.loadDefault();

	@Test
	void scoreWhenFieldMissingThenWeightIsAsIfComparisonAbsent() {
		PairScorer scorer = new PairScorer(this.model, null, false);
		StandardisedPerson a = standardise(margaret("a"));
		StandardisedPerson b = standardise(margaret("b").postcode("M1 1AE"));
		StandardisedPerson noPostcode = standardise(margaret("c").postcode(null));
		double withDisagreement = scorer.score(a, b);
		double withMissing = scorer.score(a, noPostcode);
		assertThat(withMissing - withDisagreement).isCloseTo(-this.model.weight(Comparison.POSTCODE, 3), within(1e-9));
		assertThat(withMissing).isLessThan(scorer.score(a, a));
	}

	@Test
	void scoreWhenIdentifierNotAllowedThenIgnored() {
		StandardisedPerson a = standardise(margaret("a"));
		StandardisedPerson b = standardise(margaret("b").identifier("4010232137"));
		assertThat(new PairScorer(this.model, null, false).score(a, b))
			.isGreaterThan(new PairScorer(this.model, null, true).score(a, b));
	}

	@Test
	void scoreWhenCommonFamilyNameAgreesThenLessEvidenceThanRareName() {
		List<StandardisedPerson> population = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			population.add(standardise(margaret("s" + i).familyName("Smith")));
		}
		population.add(standardise(margaret("r").familyName("Sondergeld")));
		TermFrequencies tf = TermFrequencies.of(population);
		PairScorer scorer = new PairScorer(this.model, tf, false);
		StandardisedPerson smith = standardise(margaret("x").familyName("Smith"));
		StandardisedPerson rare = standardise(margaret("y").familyName("Sondergeld"));
		assertThat(scorer.score(smith, smith)).isLessThan(scorer.score(rare, rare));
	}

	@Test
	void scoreWhenHouseholdMemberThenCappedJustBelowMatchThreshold() {
		PairScorer scorer = new PairScorer(this.model, null, false);
		StandardisedPerson mother = standardise(margaret("a"));
		StandardisedPerson son = standardise(margaret("b").givenName("Daniel").dateOfBirth("1979-02-14"));
		double score = scorer.score(mother, son);
		assertThat(score).isEqualTo(Math.nextDown(this.model.matchThreshold()));
		assertThat(scorer.classify(score)).isEqualTo(MatchClass.REVIEW);
	}

	@Test
	void scoreWhenHouseholdRulesOffAndOnlyOnePersonalFieldPresentAndItDisagreesThenNotCapped() {
		PairScorer scorer = new PairScorer(this.model, null, false, false);
		StandardisedPerson a = standardise(margaret("a").givenName(null));
		StandardisedPerson b = standardise(margaret("b").dateOfBirth("1948-07-30"));
		assertThat(scorer.classify(scorer.score(a, b))).isEqualTo(MatchClass.MATCH);
	}

	@Test
	void classifyWhenDuplicateWithTyposThenMatchAndStrangerNonMatch() {
		PairScorer scorer = new PairScorer(this.model, null, false);
		StandardisedPerson a = standardise(margaret("a"));
		StandardisedPerson typo = standardise(
				margaret("b").givenName("Peggy").familyName("Thorton").postcode("LS62AB"));
		StandardisedPerson stranger = standardise(margaret("c").givenName("Ahmed")
			.familyName("Khan")
			.dateOfBirth("1990-01-02")
			.postcode("M1 1AE")
			.streetNumber("3")
			.street("Oxford Road")
			.locality("Hulme")
			.town("Manchester")
			.region("Greater Manchester"));
		assertThat(scorer.classify(scorer.score(a, typo))).isEqualTo(MatchClass.MATCH);
		assertThat(scorer.classify(scorer.score(a, stranger))).isEqualTo(MatchClass.NON_MATCH);
	}

	@Test
	void scoreWhenOnlyTheDateOfBirthPresentAndItIsAnotherThenHeldForReview() {
		PairScorer scorer = new PairScorer(this.model, null, false);
		Evidence e = scorer.explain(standardise(margaret("a").givenName(null)),
				standardise(margaret("b").dateOfBirth("1948-07-30")));
		assertThat(e.matchClass()).isEqualTo(MatchClass.REVIEW);
		assertThat(e.caution()).isEqualTo(Caution.OTHER_DATE_OF_BIRTH);
	}

	@Test
	void scoreWhenDifferentValidNhsNumbersThenReviewWhateverTheDemographics() {
		PairScorer scorer = new PairScorer(this.model, null, true);
		Evidence e = scorer.explain(standardise(margaret("a")), standardise(margaret("b").identifier("4010232137")));
		assertThat(e.sum()).isGreaterThan(this.model.matchThreshold());
		assertThat(e.score()).isEqualTo(Math.nextDown(this.model.matchThreshold()));
		assertThat(e.matchClass()).isEqualTo(MatchClass.REVIEW);
		assertThat(e.caution()).isEqualTo(Caution.DIFFERENT_NHS_NUMBERS);
		assertThat(e.caution().description()).isEqualTo("different NHS numbers");
	}

	@Test
	void levelWhenNhsNumberFailsModulus11ThenOneEditIsPartialEvidenceAndMoreIsNoEvidence() {
		StandardisedPerson a = standardise(margaret("a"));
		int typo = Comparison.IDENTIFIER.compare(a, standardise(margaret("b").identifier("9434765918")));
		int transposed = Comparison.IDENTIFIER.compare(a, standardise(margaret("b").identifier("9434765199")));
		int far = Comparison.IDENTIFIER.compare(a, standardise(margaret("b").identifier("1234567890")));
		int otherValid = Comparison.IDENTIFIER.compare(a, standardise(margaret("b").identifier("4857773457")));
		assertThat(typo).isEqualTo(Comparison.IDENTIFIER.levelIndex("DL_1"));
		assertThat(transposed).isEqualTo(Comparison.IDENTIFIER.levelIndex("DL_1"));
		assertThat(far).isEqualTo(Comparison.MISSING);
		assertThat(otherValid).isEqualTo(Comparison.IDENTIFIER.levelIndex("ELSE"));
		assertThat(this.model.weight(Comparison.IDENTIFIER, typo)).isPositive();
	}

	@Test
	void scoreWhenSameNhsNumberButOtherGivenNameAndDateOfBirthThenReview() {
		PairScorer scorer = new PairScorer(this.model, null, true);
		StandardisedPerson a = standardise(margaret("a"));
		Evidence other = scorer.explain(a, standardise(margaret("b").givenName("Daniel").dateOfBirth("1979-02-14")));
		Evidence sameName = scorer.explain(a, standardise(margaret("b").dateOfBirth("1979-02-14")));
		assertThat(other.caution()).isEqualTo(Caution.NHS_NUMBER_BUT_OTHER_PERSON);
		assertThat(other.matchClass()).isEqualTo(MatchClass.REVIEW);
		assertThat(sameName.caution()).isNull();
		assertThat(sameName.matchClass()).isEqualTo(MatchClass.MATCH);
	}

	@Test
	void scoreWhenTwinThenReviewAndWhenNicknameThenMatch() {
		PairScorer scorer = new PairScorer(this.model, null, false);
		StandardisedPerson a = standardise(margaret("a"));
		Evidence twin = scorer.explain(a, standardise(margaret("b").givenName("Olivia")));
		assertThat(twin.caution()).isEqualTo(Caution.OTHER_GIVEN_NAME);
		assertThat(twin.matchClass()).isEqualTo(MatchClass.REVIEW);
		assertThat(scorer.classify(scorer.score(a, standardise(margaret("b").givenName("Peggy")))))
			.isEqualTo(MatchClass.MATCH);
	}

	@Test
	void scoreWhenParentAndChildOfOneNameThenReviewButYearTyposMatch() {
		PairScorer scorer = new PairScorer(this.model, null, false);
		StandardisedPerson a = standardise(margaret("a"));
		Evidence junior = scorer.explain(a, standardise(margaret("b").dateOfBirth("1978-06-21")));
		assertThat(junior.caution()).isEqualTo(Caution.GENERATION_APART);
		assertThat(junior.matchClass()).isEqualTo(MatchClass.REVIEW);
		for (String typo : new String[] { "1949-06-21", "1958-06-21", "2048-06-21" }) {
			assertThat(scorer.classify(scorer.score(a, standardise(margaret("b").dateOfBirth(typo))))).as(typo)
				.isEqualTo(MatchClass.MATCH);
		}
	}

	@Test
	void explainWhenNothingHoldsThePairThenItemsSumToTheScore() {
		PairScorer scorer = new PairScorer(this.model, null, true);
		StandardisedPerson a = standardise(margaret("a"));
		StandardisedPerson b = standardise(margaret("b").postcode(null));
		Evidence e = scorer.explain(a, b);
		assertThat(e.caution()).isNull();
		assertThat(e.score()).isEqualTo(scorer.score(a, b));
		assertThat(e.items().stream().mapToDouble(Evidence.Item::weight).sum()).isCloseTo(e.score(), within(1e-9));
		assertThat(e.items()).anySatisfy((i) -> {
			assertThat(i.comparison()).isEqualTo(Comparison.POSTCODE);
			assertThat(i.level()).isEqualTo("MISSING");
			assertThat(i.weight()).isZero();
		});
	}

}
