package care.concord.identity.matching.scoring;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MatchModelTests {

	private final MatchModel model = MatchModel.loadDefault();

	@Test
	void loadDefaultWhenShippedThenEveryComparisonHasParametersAndAgreementIsEvidence() {
		for (Comparison c : Comparison.values()) {
			assertThat(this.model.uses(c)).as(c.name()).isTrue();
			assertThat(this.model.weight(c, 0)).as(c + " exact").isPositive();
			assertThat(this.model.weight(c, c.levelCount() - 1)).as(c + " else").isNegative();
		}
		assertThat(this.model.matchThreshold()).isGreaterThan(this.model.reviewThreshold());
	}

	@Test
	void weightWhenLevelThenLog2OfMOverUAndZeroWhenMissing() {
		double m = this.model.m(Comparison.DATE_OF_BIRTH, 0);
		double u = this.model.u(Comparison.DATE_OF_BIRTH, 0);
		assertThat(this.model.weight(Comparison.DATE_OF_BIRTH, 0)).isCloseTo(Math.log(m / u) / Math.log(2),
				within(1e-9));
		assertThat(this.model.weight(Comparison.DATE_OF_BIRTH, Comparison.MISSING)).isZero();
	}

	@Test
	void writeWhenReadBackThenSameParameters() throws IOException {
		StringWriter out = new StringWriter();
		this.model.write(out);
		MatchModel read = MatchModel.read(new StringReader(out.toString()));
		for (Comparison c : Comparison.values()) {
			for (int l = 0; l < c.levelCount(); l++) {
				assertThat(read.m(c, l)).isCloseTo(this.model.m(c, l), within(1e-7 * this.model.m(c, l)));
				assertThat(read.u(c, l)).isCloseTo(this.model.u(c, l), within(1e-7 * this.model.u(c, l)));
			}
		}
		assertThat(read.matchThreshold()).isEqualTo(this.model.matchThreshold());
		assertThat(read.termFrequency()).isEqualTo(this.model.termFrequency());
	}

	@Test
	void readWhenParameterMissingThenErrorNamesIt() {
		String text = "format=1\nprior=0.5\nthreshold.match=1\nthreshold.review=0\nm.REGION.EXACT=0.9\n";
		assertThatThrownBy(() -> MatchModel.read(new StringReader(text))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("u.REGION.EXACT");
		assertThatThrownBy(() -> MatchModel.read(new StringReader("format=9\n"))).hasMessageContaining("format");
	}

	@Test
	void classifyWhenAroundThresholdsThenThreeClasses() {
		MatchModel m = this.model.withThresholds(10, 2);
		assertThat(m.classify(10)).isEqualTo(MatchClass.MATCH);
		assertThat(m.classify(9.9)).isEqualTo(MatchClass.REVIEW);
		assertThat(m.classify(2)).isEqualTo(MatchClass.REVIEW);
		assertThat(m.classify(1.9)).isEqualTo(MatchClass.NON_MATCH);
	}

	@Test
	void constructorWhenProbabilityOutOfRangeThenRejected() {
		double[][] m = new double[Comparison.values().length][];
		double[][] u = new double[Comparison.values().length][];
		m[Comparison.REGION.ordinal()] = new double[] { 0.9, 0.1 };
		u[Comparison.REGION.ordinal()] = new double[] { 0.0, 1.0 };
		assertThatThrownBy(() -> new MatchModel(m, u, 0.1, 1, 0, EnumSet.noneOf(Comparison.class)))
			.hasMessageContaining("u probability");
	}

	@Test
	void probabilityWhenWeightRisesThenPosteriorRises() {
		assertThat(this.model.probability(20)).isGreaterThan(this.model.probability(0));
		assertThat(this.model.probability(60)).isCloseTo(1.0, within(1e-9));
	}

}
