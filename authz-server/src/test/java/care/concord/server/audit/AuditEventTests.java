package care.concord.server.audit;

import java.time.Instant;
import java.util.List;

import care.concord.policy.citizen.Citizen;
import care.concord.policy.decision.Audience;
import care.concord.policy.decision.ConsentDecisionEngine;
import care.concord.policy.decision.Decision;
import care.concord.policy.request.AccessRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AuditEvent} and {@link AuditActor}: the values an event can carry into
 * the log.
 */
class AuditEventTests {

	@Test
	void decisionWhenBreakGlassPermitThenEventCarriesRequestAndDecision() {
		AccessRequest request = AccessRequest.builder()
			.requester("RX9", "ambulance", "paramedic")
			.subject("943 476 5919")
			.holder("A81001")
			.category("allergies")
			.purpose("emergency-care")
			.relationship(false)
			.at(Instant.parse("2026-11-25T10:00:00Z"))
			.breakGlassReason("Unconscious patient")
			.build();
		Decision decision = new ConsentDecisionEngine().decide(Citizen.of(TestAuditEvents.SUBJECT, false), request);

		AuditEvent event = AuditEvent.decision(AuditActor.client("RX9", "ambulance-app"), decision);

		assertThat(event.type()).isEqualTo(AuditEventType.DECISION);
		assertThat(event.subject()).isEqualTo(TestAuditEvents.SUBJECT);
		assertThat(event.holder()).isEqualTo("A81001");
		assertThat(event.category()).isEqualTo("allergies");
		assertThat(event.purpose()).isEqualTo("emergency-care");
		assertThat(event.role()).isEqualTo("paramedic");
		assertThat(event.outcome()).isEqualTo(AuditOutcome.PERMIT);
		assertThat(event.reasonCode()).isEqualTo("break-glass");
		assertThat(event.obligations()).containsExactly("notify-subject", "review");
		assertThat(event.breakGlass()).isTrue();
		assertThat(event.breakGlassReason()).isEqualTo("Unconscious patient");
		// IG officers read the record in the third person; the citizen's own words are
		// kept in the details
		assertThat(event.explanation()).isEqualTo(decision.explanation(Audience.OTHERS))
			.contains("the citizen's allergy records")
			.doesNotContain("your");
		assertThat(event.details()).containsEntry(AuditEvent.CITIZEN_EXPLANATION, decision.explanation());
		assertThat(decision.explanation()).contains("your allergy records");
	}

	@Test
	void buildWhenObligationsRepeatedAndUnsortedThenSortedWithoutDuplicates() {
		AuditEvent event = TestAuditEvents.decision()
			.obligations(List.of("review", "notify-subject", "review"))
			.build();

		assertThat(event.obligations()).containsExactly("notify-subject", "review");
	}

	@Test
	void buildWhenObligationContainsCommaThenThrows() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestAuditEvents.decision().obligations(List.of("a,b")).build())
			.withMessageContaining("a,b");
	}

	@Test
	void constructorWhenReasonGivenWithoutBreakGlassThenThrows() {
		AuditEvent event = TestAuditEvents.decision().build();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuditEvent(event.type(), event.actor(), event.subject(), event.holder(),
					event.category(), event.purpose(), event.role(), event.outcome(), event.reasonCode(),
					event.obligations(), false, "reason", event.directiveId(), event.explanation(), event.requestId(),
					event.correlationId(), event.details()))
			.withMessageContaining("breakGlassReason");
	}

	@Test
	void buildWhenBreakGlassReasonBlankThenKeptAsGiven() {
		AuditEvent event = TestAuditEvents.decision().breakGlass("   ").build();

		assertThat(event.breakGlass()).isTrue();
		assertThat(event.breakGlassReason()).isEqualTo("   ");
	}

	@Test
	void buildWhenIdentifierTooLongThenThrowsNamingField() {
		assertThatIllegalArgumentException().isThrownBy(() -> TestAuditEvents.decision().holder("H".repeat(65)).build())
			.withMessage("holder is longer than 64 characters");
	}

	@Test
	void buildWhenExplanationTooLongThenCutWithEllipsis() {
		AuditEvent event = TestAuditEvents.decision().explanation("x".repeat(5000)).build();

		assertThat(event.explanation()).hasSize(AuditEvent.MAX_EXPLANATION).endsWith("x\u2026");
	}

	@Test
	void buildWhenExplanationCutInsideSurrogatePairThenPairDropped() {
		String text = "x".repeat(AuditEvent.MAX_EXPLANATION - 2) + "\uD83D\uDE00" + "tail";

		AuditEvent event = TestAuditEvents.decision().explanation(text).build();

		assertThat(event.explanation()).isEqualTo("x".repeat(AuditEvent.MAX_EXPLANATION - 2) + "\u2026");
	}

	@Test
	void buildWhenTextContainsNulThenReplaced() {
		AuditEvent event = TestAuditEvents.decision().explanation("a\u0000b").build();

		assertThat(event.explanation()).isEqualTo("a\uFFFDb");
	}

	@Test
	void buildWhenBlankIdentifiersThenNull() {
		AuditEvent event = TestAuditEvents.decision().holder("  ").requestId("").build();

		assertThat(event.holder()).isNull();
		assertThat(event.requestId()).isNull();
	}

	@Test
	void buildWhenDetailsGivenThenSortedByKey() {
		AuditEvent event = TestAuditEvents.decision().detail("zeta", "1").detail("alpha", null).build();

		assertThat(event.details().keySet()).containsExactly("alpha", "ticket", "zeta");
		assertThat(event.details()).containsEntry("alpha", null).containsEntry("zeta", "1");
	}

	@Test
	void toBuilderWhenBuiltAgainThenEqualEvent() {
		AuditEvent event = TestAuditEvents.breakGlass().build();

		assertThat(event.toBuilder().build()).isEqualTo(event);
	}

	@Test
	void actorWhenNoAgencyClientOrUsernameThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AuditActor(null, " ", null, "someone"))
			.withMessageContaining("actor needs");
	}

}
