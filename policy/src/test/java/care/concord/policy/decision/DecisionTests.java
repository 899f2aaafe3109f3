package care.concord.policy.decision;

import static care.concord.policy.TestFixtures.citizen;
import static care.concord.policy.TestFixtures.directive;
import static care.concord.policy.TestFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import care.concord.policy.request.Category;
import care.concord.policy.request.OrgType;
import care.concord.policy.request.Purpose;

class DecisionTests {

	private final ConsentDecisionEngine engine = new ConsentDecisionEngine();

	@Test
	void explanationWhenDatedDirectiveDeniesThenNamesDateCategoryAndAudience() {
		var directive = directive("d1", "deny").orgTypes(OrgType.SOCIAL_CARE)
			.categories(Category.MENTAL_HEALTH)
			.createdAt(Instant.parse("2026-03-03T09:15:00Z"))
			.build();

		Decision decision = this.engine.decide(citizen(directive),
				request().requester("SC101", "social-care", "social-worker").category("mental-health").build());

		assertThat(decision.explanation())
			.isEqualTo("Your directive of 3 March 2026 denies mental-health records to social care.");
	}

	@Test
	void explanationWhenCreatedLateEveningUtcInSummerThenUkDate() {
		var directive = directive("d1", "permit").createdAt(Instant.parse("2026-07-02T23:30:00Z")).build();

		assertThat(this.engine.decide(citizen(directive), request().build()).explanation())
			.isEqualTo("Your directive of 3 July 2026 permits all records to everyone.");
	}

	@Test
	void explanationWhenUndatedDirectiveWithRolesOrganisationsAndPurposesThenAllNamed() {
		var directive = directive("no-admin", "deny").organisations("A81001", "RR8")
			.roles("admin-staff", "clinician")
			.categories(Category.SUMMARY, Category.TEST_RESULTS)
			.purposes(Purpose.DIRECT_CARE)
			.build();

		assertThat(this.engine.decide(citizen(directive), request().build()).explanation())
			.isEqualTo("Your directive no-admin denies summary or test result records to people working as admin"
					+ " staff or clinician at organisations A81001 or RR8 for direct care.");
	}

	@Test
	void explanationWhenForIgOfficersAndAgenciesThenThirdPersonAndCitizensStaysSecond() {
		var directive = directive("d1", "deny").orgTypes(OrgType.SOCIAL_CARE)
			.categories(Category.MENTAL_HEALTH)
			.createdAt(Instant.parse("2026-03-03T09:15:00Z"))
			.build();
		Decision denied = this.engine.decide(citizen(directive),
				request().requester("SC101", "social-care", "social-worker").category("mental-health").build());
		Decision noRelationship = this.engine.decide(citizen(), request().relationship(false).build());

		assertThat(denied.explanation(Audience.OTHERS))
			.isEqualTo("The citizen's directive of 3 March 2026 denies mental-health records to social care.");
		assertThat(noRelationship.explanation(Audience.OTHERS))
			.isEqualTo("Organisation A81001 has no recorded care relationship with the citizen, so it may not read"
					+ " the citizen's summary records.");
		assertThat(noRelationship.explanation(Audience.CITIZEN)).isEqualTo(noRelationship.explanation())
			.contains("with you");
		assertThat(Explanations.describe(directive, Audience.OTHERS)).startsWith("The citizen's directive");
	}

	@Test
	void explanationWhenReadTwiceThenSameText() {
		Decision decision = this.engine.decide(citizen(), request().relationship(false).build());

		assertThat(decision.explanation()).isSameAs(decision.explanation())
			.isEqualTo("Organisation A81001 has no recorded care relationship with you, so it may not read your"
					+ " summary records.");
	}

	@Test
	void explanationWhenEveryReasonOfTheEngineThenOneSentence() {
		for (Decision decision : new Decision[] { this.engine.decide(citizen(), request().build()),
				this.engine.decide(citizen(), request().holder("A81001").build()),
				this.engine.decide(citizen(), request().breakGlassReason("x").build()),
				this.engine.decide(citizen(), request().purpose("emergency-care").breakGlassReason("").build()),
				this.engine.decide(citizen(),
						request().requester("C1", "commissioner", "analyst").purpose("planning").build()) }) {
			assertThat(decision.explanation()).matches("[A-Z][^.]*(\\.[^ .][^.]*)*\\.").doesNotContain("null");
			assertThat(decision.explanation(Audience.OTHERS)).matches("[A-Z][^.]*(\\.[^ .][^.]*)*\\.")
				.doesNotContainPattern("\\b[Yy]ou(r)?\\b");
		}
	}

	@Test
	void explanationWhenBreakGlassReasonHasControlCharactersThenTheyAreRemoved() {
		Decision decision = this.engine.decide(citizen(),
				request().purpose("emergency-care").breakGlassReason("collapsed\r\nFAKE LINE").build());

		assertThat(decision.explanation()).doesNotContain("\n").doesNotContain("\r").contains("collapsed  FAKE LINE");
	}

	@Test
	void toStringWhenDirectiveDecisionThenShowsReasonAndId() {
		Decision decision = this.engine.decide(citizen(directive("d7", "deny").build()), request().build());

		assertThat(decision).hasToString("deny directive-deny [] d7 (DirectiveRule)");
	}

}
