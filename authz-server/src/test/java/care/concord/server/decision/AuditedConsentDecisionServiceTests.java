package care.concord.server.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Citizen;
import care.concord.policy.citizen.Directive;
import care.concord.policy.decision.ConsentDecisionEngine;
import care.concord.policy.decision.Decision;
import care.concord.policy.decision.Reason;
import care.concord.policy.request.Category;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditLogException;
import care.concord.server.audit.AuditOutcome;
import care.concord.server.audit.AuditRecord;
import care.concord.server.relationship.CareRelationships;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AuditedConsentDecisionService}: validation, relationship lookup, the
 * engine, and the audit record written before the decision is returned (failing closed).
 */
class AuditedConsentDecisionServiceTests {

	static final String CITIZEN = "9434765919";

	static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	final RecordingAuditLog auditLog = new RecordingAuditLog();

	final FixedRelationships relationships = new FixedRelationships();

	Citizen citizen = Citizen.of(NhsNumber.parse(CITIZEN), false);

	AuditedConsentDecisionService service() {
		return new AuditedConsentDecisionService(new ConsentDecisionEngine(), (nhs) -> this.citizen, this.relationships,
				this.auditLog, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	static DecisionQuery.Builder query() {
		return DecisionQuery.builder()
			.actor(AuditActor.client("A81001", "gp-app"))
			.requester("A81001", "gp", "clinician")
			.subject(CITIZEN)
			.holder("RR8")
			.category("medications")
			.purpose("direct-care")
			.correlationId("tkt:1");
	}

	@Test
	void decideWhenRelationshipKnownThenPermitAuditedBeforeReturn() {
		this.relationships.related = true;
		AuditedDecision decision = service().decide(query().build());
		assertThat(decision.decision().reason()).isEqualTo(Reason.IMPLIED_CONSENT);
		assertThat(decision.auditSequence()).isEqualTo(1);
		AuditEvent event = this.auditLog.events.get(0);
		assertThat(event.type()).isEqualTo(AuditEventType.DECISION);
		assertThat(event.outcome()).isEqualTo(AuditOutcome.PERMIT);
		assertThat(event.reasonCode()).isEqualTo("implied-consent");
		assertThat(event.correlationId()).isEqualTo("tkt:1");
		assertThat(event.details()).containsEntry("relationship", "true");
		assertThat(this.relationships.asked).containsExactly("A81001 " + CITIZEN);
	}

	@Test
	void decideWhenNoRelationshipThenDenyAudited() {
		AuditedDecision decision = service().decide(query().build());
		assertThat(decision.decision().reason()).isEqualTo(Reason.NO_LEGITIMATE_RELATIONSHIP);
		assertThat(this.auditLog.events.get(0).outcome()).isEqualTo(AuditOutcome.DENY);
	}

	@Test
	void decideWhenRelationshipStatedThenNotLookedUp() {
		AuditedDecision decision = service().decide(query().relationship(false).build());
		assertThat(decision.decision().reason()).isEqualTo(Reason.NO_LEGITIMATE_RELATIONSHIP);
		assertThat(this.relationships.asked).isEmpty();
	}

	@Test
	void decideWhenDirectiveDeniesThenDirectiveNamedInAudit() {
		this.relationships.related = true;
		this.citizen = new Citizen(NhsNumber.parse(CITIZEN), false,
				List.of(Directive.builder().id("d1").effect("deny").categories(Category.MEDICATIONS).build()));
		AuditedDecision decision = service().decide(query().build());
		assertThat(decision.decision().reason()).isEqualTo(Reason.DIRECTIVE_DENY);
		assertThat(this.auditLog.events.get(0).directiveId()).isEqualTo("d1");
	}

	@Test
	void decideWhenAuditFailsThenDecisionNotAuditedEvenForPermit() {
		this.relationships.related = true;
		this.auditLog.fail = true;
		assertThatExceptionOfType(DecisionNotAuditedException.class)
			.isThrownBy(() -> service().decide(query().build()));
	}

	@Test
	void decideWhenCategoryUnknownThenAuditedAsErrorAndRethrown() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> service().decide(query().category("gossip").build()))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("request.category"));
		AuditEvent event = this.auditLog.events.get(0);
		assertThat(event.type()).isEqualTo(AuditEventType.INVALID_REQUEST);
		assertThat(event.outcome()).isEqualTo(AuditOutcome.ERROR);
		assertThat(event.details()).containsEntry("field", "request.category");
		assertThat(event.subject()).isEqualTo(NhsNumber.parse(CITIZEN));
	}

	@Test
	void decideWhenNhsNumberFailsModulus11ThenInvalidAndAudited() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> service().decide(query().subject("9434765918").build()));
		assertThat(this.auditLog.events).hasSize(1);
		assertThat(this.auditLog.events.get(0).subject()).isNull();
	}

	@Test
	void decideWhenInvalidAndAuditFailsThenDecisionNotAudited() {
		this.auditLog.fail = true;
		assertThatExceptionOfType(DecisionNotAuditedException.class)
			.isThrownBy(() -> service().decide(query().purpose("sightseeing").build()));
	}

	@Test
	void previewWhenUnnamedRequesterThenRelationshipAssumedAndNothingAudited() {
		Decision decision = service()
			.preview(query().organisation(null).holder(null).orgType("acute-hospital").build());
		assertThat(decision.reason()).isEqualTo(Reason.IMPLIED_CONSENT);
		assertThat(this.auditLog.events).isEmpty();
		assertThat(this.relationships.asked).isEmpty();
	}

	@Test
	void previewWhenDirectiveNamesAnOrganisationThenUnnamedRequesterNotMatched() {
		this.citizen = new Citizen(NhsNumber.parse(CITIZEN), false,
				List.of(Directive.builder().id("d1").effect("deny").organisations("RXX").build()));
		Decision decision = service().preview(query().organisation(null).holder(null).build());
		assertThat(decision.reason()).isEqualTo(Reason.IMPLIED_CONSENT);
	}

	@Test
	void previewWhenExplicitCategoryThenDeny() {
		Decision decision = service().preview(query().organisation(null).category("sexual-health").build());
		assertThat(decision.reason()).isEqualTo(Reason.EXPLICIT_CONSENT_REQUIRED);
		assertThat(this.auditLog.events).isEmpty();
	}

	@Test
	void invalidWhenCalledThenAuditedAndReturned() {
		InvalidRequestException error = new InvalidRequestException("body", "not JSON");
		assertThat(service().invalid(query().build(), error)).isSameAs(error);
		assertThat(this.auditLog.events.get(0).type()).isEqualTo(AuditEventType.INVALID_REQUEST);
	}

	static final class RecordingAuditLog implements AuditLog {

		final List<AuditEvent> events = new ArrayList<>();

		boolean fail;

		@Override
		public AuditRecord append(AuditEvent event) {
			if (this.fail) {
				throw new AuditLogException("database down");
			}
			this.events.add(event);
			return new AuditRecord(this.events.size(), NOW, event.type().name(), null, null, null, null, null, null,
					null, null, null, null, null, List.of(), false, null, null, null, null, null, null, "0".repeat(64),
					"1".repeat(64));
		}

	}

	static final class FixedRelationships implements CareRelationships {

		boolean related;

		final List<String> asked = new ArrayList<>();

		@Override
		public boolean exists(String organisation, NhsNumber subject) {
			this.asked.add(organisation + " " + subject.value());
			return this.related;
		}

		@Override
		public boolean declare(AuditActor actor, String organisation, NhsNumber subject) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean end(AuditActor actor, String organisation, NhsNumber subject) {
			throw new UnsupportedOperationException();
		}

	}

}
