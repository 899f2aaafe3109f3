package care.concord.identity.linkage;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PairEvaluationTests {

	@Test
	void ofWhenSomePredictionsWrongThenPrecisionRecallF1() {
		Set<String> truth = Set.of(PairEvaluation.key("a", "b"), PairEvaluation.key("c", "d"));
		PairEvaluation e = PairEvaluation.of(List.of(PairEvaluation.key("b", "a"), PairEvaluation.key("a", "c")),
				truth);
		assertThat(e.precision()).isEqualTo(0.5);
		assertThat(e.recall()).isEqualTo(0.5);
		assertThat(e.f1()).isEqualTo(0.5);
	}

	@Test
	void keyWhenOrderSwappedThenSameKey() {
		assertThat(PairEvaluation.key("x", "y")).isEqualTo(PairEvaluation.key("y", "x"));
	}

}
