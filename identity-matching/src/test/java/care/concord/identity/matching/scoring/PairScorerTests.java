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
	void scoreWhenOnlyOnePersonalFieldPresentAndItDisagreesThenNotCapped() {
		PairScorer scorer = new PairScorer(this.model, null, false);
		StandardisedPerson a = standardise(margaret("a").givenName(null));
		StandardisedPerson b = standardise(margaret("b").dateOfBirth("1948-07-30"));
		assertThat(scorer.classify(scorer.score(a, b))).isEqualTo(MatchClass.MATCH);
	}

	@Test
	void classifyWhenDuplicateWithTyposThenMatchAndStrangerNonMatch() {
		PairScorer scorer = new PairScorer(this.model, null, false);
		StandardisedPerson a = standardise(margaret("a"));
		StandardisedPerson typo = standardise(margaret("b").givenName("Peggy").familyName("Thorton").postcode("LS62AB"));
		StandardisedPerson stranger = standardise(margaret("c").givenName("Ahmed").familyName("Khan")
			.dateOfBirth("1990-01-02").postcode("M1 1AE").streetNumber("3").street("Oxford Road").locality("Hulme")
			.town("Manchester").region("Greater Manchester"));
		assertThat(scorer.classify(scorer.score(a, typo))).isEqualTo(MatchClass.MATCH);
		assertThat(scorer.classify(scorer.score(a, stranger))).isEqualTo(MatchClass.NON_MATCH);
	}

}
