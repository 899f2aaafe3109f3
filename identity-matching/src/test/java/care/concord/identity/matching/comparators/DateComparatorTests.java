package care.concord.identity.matching.comparators;

import org.junit.jupiter.api.Test;

import static care.concord.identity.matching.comparators.DateComparator.Relation.DAY_MONTH_SWAPPED;
import static care.concord.identity.matching.comparators.DateComparator.Relation.DIFFERENT;
import static care.concord.identity.matching.comparators.DateComparator.Relation.EXACT;
import static care.concord.identity.matching.comparators.DateComparator.Relation.ONE_EDIT;
import static care.concord.identity.matching.comparators.DateComparator.Relation.SAME_YEAR_MONTH;
import static care.concord.identity.matching.comparators.DateComparator.Relation.TWO_EDITS;
import static org.assertj.core.api.Assertions.assertThat;

class DateComparatorTests {

	@Test
	void compareWhenDayAndMonthSwappedThenSwapLevel() {
		assertThat(DateComparator.compare("19800312", "19801203")).isEqualTo(DAY_MONTH_SWAPPED);
	}

	@Test
	void compareWhenKeyingErrorsThenGraded() {
		assertThat(DateComparator.compare("19800312", "19800312")).isEqualTo(EXACT);
		assertThat(DateComparator.compare("19800312", "19800313")).isEqualTo(ONE_EDIT);
		assertThat(DateComparator.compare("19800312", "19800321")).isEqualTo(ONE_EDIT);
		assertThat(DateComparator.compare("19800301", "19800329")).isEqualTo(SAME_YEAR_MONTH);
		assertThat(DateComparator.compare("19800312", "19810313")).isEqualTo(TWO_EDITS);
		assertThat(DateComparator.compare("19800312", "19651127")).isEqualTo(DIFFERENT);
	}

	@Test
	void compareWhenEitherMissingThenNull() {
		assertThat(DateComparator.compare(null, "19800312")).isNull();
		assertThat(DateComparator.similarity(null, "19800312")).isZero();
	}

	@Test
	void isDayMonthSwapWhenDayEqualsMonthThenFalseBecauseSameDate() {
		assertThat(DateComparator.isDayMonthSwap("19800303", "19800303")).isFalse();
	}

}
