package care.concord.identity.matching.scoring;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import care.concord.identity.TestPeople;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.matching.blocking.BlockingScheme;
import care.concord.identity.matching.blocking.CandidatePairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmTrainerTests {

	private final List<StandardisedPerson> records = TestPeople.febrl(1, false);

	private final long[] candidates = CandidatePairs.dedupe(this.records, BlockingScheme.standard(false), 2000);

	private final EnumSet<Comparison> demographic = EnumSet.complementOf(EnumSet.of(Comparison.IDENTIFIER));

	@Test
	void trainWhenFebrlWithoutLabelsThenAgreementLikelierAmongMatches() {
		EmTrainer trainer = new EmTrainer(this.demographic, EnumSet.noneOf(Comparison.class), 50_000, 1);
		MatchModel model = trainer.train(this.records, this.candidates, 12, 4);
		for (Comparison c : this.demographic) {
			assertThat(model.m(c, 0)).as(c.name()).isGreaterThan(model.u(c, 0));
			assertThat(model.m(c, c.levelCount() - 1)).as(c.name()).isLessThan(model.u(c, c.levelCount() - 1));
		}
		assertThat(model.uses(Comparison.IDENTIFIER)).isFalse();
		assertThat(trainer.iterations()).isLessThan(200);
	}

	@Test
	void trainWhenFebrlThenPriorNearTrueShareOfMatchesAmongCandidates() {
		MatchModel model = new EmTrainer(this.demographic, EnumSet.noneOf(Comparison.class), 50_000, 1)
			.train(this.records, this.candidates, 12, 4);
		long matches = 0;
		for (long p : this.candidates) {
			String a = this.records.get(CandidatePairs.left(p)).id();
			String b = this.records.get(CandidatePairs.right(p)).id();
			matches += TestPeople.febrlPerson(a).equals(TestPeople.febrlPerson(b)) ? 1 : 0;
		}
		double truth = (double) matches / this.candidates.length;
		assertThat(model.prior()).isBetween(truth - 0.05, truth + 0.05);
	}

	@Test
	void trainWhenSameSeedThenSameModel() {
		EmTrainer trainer = new EmTrainer(this.demographic, EnumSet.noneOf(Comparison.class), 20_000, 7);
		MatchModel a = trainer.train(this.records, this.candidates, 12, 4);
		MatchModel b = trainer.train(this.records, this.candidates, 12, 4);
		assertThat(a.u(Comparison.FAMILY_NAME, 0)).isEqualTo(b.u(Comparison.FAMILY_NAME, 0));
		assertThat(a.m(Comparison.FAMILY_NAME, 0)).isEqualTo(b.m(Comparison.FAMILY_NAME, 0));
	}

	@Test
	void trainWhenFewerThanTwoRecordsThenRejected() {
		EmTrainer trainer = new EmTrainer(this.demographic, EnumSet.noneOf(Comparison.class), 10, 1);
		assertThatThrownBy(() -> trainer.train(this.records.subList(0, 1), new long[0], 12, 4))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
