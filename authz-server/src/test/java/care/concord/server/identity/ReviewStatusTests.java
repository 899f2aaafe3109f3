package care.concord.server.identity;

import java.time.Instant;
import java.util.UUID;

import care.concord.policy.request.InvalidRequestException;
import care.concord.server.domain.StateConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The review lifecycle: pending to accepted or rejected, once.
 */
class ReviewStatusTests {

	@ParameterizedTest
	@EnumSource(value = ReviewStatus.class, names = { "ACCEPTED", "REJECTED" })
	void transitionToWhenPendingThenDecided(ReviewStatus target) {
		assertThat(ReviewStatus.PENDING.transitionTo(target)).isEqualTo(target);
	}

	@Test
	void transitionToWhenPendingToPendingThenConflict() {
		assertThatExceptionOfType(StateConflictException.class)
			.isThrownBy(() -> ReviewStatus.PENDING.transitionTo(ReviewStatus.PENDING));
	}

	@ParameterizedTest
	@EnumSource(value = ReviewStatus.class, names = { "ACCEPTED", "REJECTED" })
	void transitionToWhenDecidedThenConflictWhateverTheTarget(ReviewStatus decided) {
		for (ReviewStatus target : ReviewStatus.values()) {
			assertThatExceptionOfType(StateConflictException.class).isThrownBy(() -> decided.transitionTo(target))
				.withMessageContaining("only a pending review");
		}
		assertThat(decided.next()).isEmpty();
	}

	@Test
	void decideWhenPendingThenRecordsTheDecision() {
		Instant now = Instant.parse("2026-11-26T02:00:00Z");
		UUID person = UUID.randomUUID();
		IdentityReview review = IdentityReview.pending(UUID.randomUUID(), "r1", ReviewReason.POSSIBLE_MATCH, person,
				null, 8.0, now);

		IdentityReview decided = review.decide(ReviewStatus.REJECTED, person, "officer", "not her", now);

		assertThat(decided.status()).isEqualTo(ReviewStatus.REJECTED);
		assertThat(decided.decidedAt()).isEqualTo(now);
		assertThat(decided.decidedBy()).isEqualTo("officer");
		assertThat(decided.decisionReason()).isEqualTo("not her");
		assertThatExceptionOfType(StateConflictException.class)
			.isThrownBy(() -> decided.decide(ReviewStatus.ACCEPTED, person, "officer", "again", now));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> decided.reproposed(ReviewReason.RELINK, person, 1.0));
	}

	@Test
	void fromCodeWhenUnknownThenProblemNamesStatus() {
		assertThat(ReviewStatus.fromCode("accepted")).isEqualTo(ReviewStatus.ACCEPTED);
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> ReviewStatus.fromCode("done"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("status"));
	}

}
