package care.concord.policy.decision;

import static care.concord.policy.TestFixtures.citizen;
import static care.concord.policy.TestFixtures.directive;
import static care.concord.policy.TestFixtures.optedOutCitizen;
import static care.concord.policy.TestFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.TestFixtures;
import care.concord.policy.citizen.Citizen;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.Category;
import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.OrgType;

class ConsentDecisionEngineTests {

	private final ConsentDecisionEngine engine = new ConsentDecisionEngine();

	@Test
	void layersWhenListedThenSpecOrder() {
		assertThat(ConsentDecisionEngine.layers()).extracting(DecisionRule::name)
			.containsExactly("PurposeRule", "OwnRecordRule", "BreakGlassRule", "DirectiveRule", "NationalOptOutRule",
					"ExplicitConsentRule", "PurposeDefaultRule");
	}

	@Test
	void decideWhenSubjectIsNotCitizenThenThrowsInvalidRequest() {
		AccessRequest request = request().subject(TestFixtures.OTHER_NHS_NUMBER).build();

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.engine.decide(citizen(), request))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("request.subject"));
	}

	@Test
	void decideWhenCitizenOrRequestMissingThenThrowsInvalidRequest() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.engine.decide(null, request().build()));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.engine.decide(citizen(), null));
	}

	@Test
	void decideWhenPurposeNotPermittedThenDeniesEvenOwnRecordAndBreakGlass() {
		Decision decision = this.engine.decide(citizen(directive("d1", "permit").build()),
				request().requester("FA123", "pharmacy", "pharmacist")
					.holder("FA123")
					.purpose("emergency-care")
					.breakGlassReason("collapsed")
					.build());

		assertDecision(decision, Effect.DENY, Reason.PURPOSE_NOT_PERMITTED, "PurposeRule");
		assertThat(decision.explanation())
			.isEqualTo("National rules do not allow pharmacies to use your records for emergency care.");
	}

	@Test
	void decideWhenRequesterHoldsDataThenOwnRecordBeforeBreakGlassAndDirectives() {
		Decision decision = this.engine.decide(citizen(directive("d1", "deny").build()),
				request().holder("A81001").category("mental-health").breakGlassReason("").build());

		assertDecision(decision, Effect.PERMIT, Reason.OWN_RECORD, "OwnRecordRule");
	}

	@Test
	void decideWhenBreakGlassInEmergencyThenPermitsWithObligationsOverCitizenDeny() {
		Decision decision = this.engine.decide(citizen(directive("d1", "deny").build()),
				request().purpose("emergency-care").breakGlassReason("unconscious in A&E").build());

		assertDecision(decision, Effect.PERMIT, Reason.BREAK_GLASS, "BreakGlassRule");
		assertThat(decision.obligations()).containsExactlyInAnyOrder(Obligation.NOTIFY_SUBJECT, Obligation.REVIEW);
		assertThat(decision.explanation())
			.isEqualTo("Someone working as clinician at organisation A81001 used emergency access to"
					+ " your summary records, giving the reason \"unconscious in A&E\"; you are being told and the access"
					+ " will be reviewed.");
	}

	@Test
	void decideWhenBreakGlassOutsideEmergencyThenDenies() {
		Decision decision = this.engine.decide(citizen(), request().breakGlassReason("urgent").build());

		assertDecision(decision, Effect.DENY, Reason.BREAK_GLASS_REQUIRES_EMERGENCY_PURPOSE, "BreakGlassRule");
	}

	@Test
	void decideWhenBreakGlassReasonBlankThenDenies() {
		Decision decision = this.engine.decide(citizen(),
				request().purpose("emergency-care").breakGlassReason(" \t\u2003").build());

		assertDecision(decision, Effect.DENY, Reason.BREAK_GLASS_REASON_REQUIRED, "BreakGlassRule");
	}

	@Test
	void decideWhenMoreSpecificPermitMatchesThenItBeatsBroadDeny() {
		Citizen citizen = citizen(directive("d1", "deny").categories(Category.MENTAL_HEALTH).build(),
				directive("d2", "permit").organisations("A81001").categories(Category.MENTAL_HEALTH).build());

		Decision decision = this.engine.decide(citizen, request().category("mental-health").build());

		assertDecision(decision, Effect.PERMIT, Reason.DIRECTIVE_PERMIT, "DirectiveRule");
		assertThat(decision.decidingDirectiveId()).isEqualTo("d2");
	}

	@Test
	void decideWhenEquallySpecificPermitAndDenyThenDenyWinsWhateverTheOrder() {
		var deny = directive("d9", "deny").orgTypes(OrgType.GP).build();
		var permit = directive("d1", "permit").categories(Category.SUMMARY).build();

		Decision first = this.engine.decide(citizen(deny, permit), request().build());
		Decision second = this.engine.decide(citizen(permit, deny), request().build());

		assertThat(first.decidingDirectiveId()).isEqualTo("d9");
		assertThat(second.decidingDirectiveId()).isEqualTo("d9");
		assertThat(second.reason()).isEqualTo(Reason.DIRECTIVE_DENY);
	}

	@Test
	void decideWhenEquallySpecificSameEffectThenSmallerIdNamed() {
		var b = directive("b", "deny").orgTypes(OrgType.GP).build();
		var a = directive("a", "deny").categories(Category.SUMMARY).build();

		assertThat(this.engine.decide(citizen(b, a), request().build()).decidingDirectiveId()).isEqualTo("a");
		assertThat(this.engine.decide(citizen(a, b), request().build()).decidingDirectiveId()).isEqualTo("a");
	}

	@Test
	void decideWhenDirectiveRevokedOrOutOfPeriodThenIgnored() {
		Instant at = TestFixtures.AT;
		Citizen citizen = citizen(directive("d1", "deny").status("revoked").build(),
				directive("d2", "deny").end(at).build(), directive("d3", "deny").start(at.plusSeconds(1)).build());

		assertDecision(this.engine.decide(citizen, request().build()), Effect.PERMIT, Reason.IMPLIED_CONSENT,
				"PurposeDefaultRule");
	}

	@Test
	void decideWhenOptedOutThenResearchAndPlanningDeniedButExplicitConsentWins() {
		AccessRequest research = request().requester("RES01", "research", "researcher").purpose("research").build();
		AccessRequest planning = request().requester("CCG1", "commissioner", "analyst").purpose("planning").build();

		assertDecision(this.engine.decide(optedOutCitizen(), research), Effect.DENY, Reason.NATIONAL_DATA_OPT_OUT,
				"NationalOptOutRule");
		assertDecision(this.engine.decide(optedOutCitizen(), planning), Effect.DENY, Reason.NATIONAL_DATA_OPT_OUT,
				"NationalOptOutRule");
		assertDecision(
				this.engine.decide(optedOutCitizen(directive("d1", "permit").organisations("RES01").build()), research),
				Effect.PERMIT, Reason.DIRECTIVE_PERMIT, "DirectiveRule");
		assertThat(this.engine.decide(optedOutCitizen(), research).explanation())
			.isEqualTo("You have registered a national data opt-out, so your records are not used for research.");
	}

	@Test
	void decideWhenOptedOutAndDirectCareThenOptOutDoesNotApply() {
		assertDecision(this.engine.decide(optedOutCitizen(), request().build()), Effect.PERMIT, Reason.IMPLIED_CONSENT,
				"PurposeDefaultRule");
	}

	@Test
	void decideWhenExplicitConsentCategoryWithoutPermitThenDeniesEvenWithRelationship() {
		Decision decision = this.engine.decide(citizen(), request().category("genomic").build());

		assertDecision(decision, Effect.DENY, Reason.EXPLICIT_CONSENT_REQUIRED, "ExplicitConsentRule");
		assertThat(decision.explanation()).isEqualTo(
				"Genomic records are only shared with your explicit consent, and you have not given it to organisation A81001.");
	}

	@Test
	void decideWhenPurposeDefaultsApplyThenSpecOutcomes() {
		assertDecision(this.engine.decide(citizen(), request().relationship(false).build()), Effect.DENY,
				Reason.NO_LEGITIMATE_RELATIONSHIP, "PurposeDefaultRule");
		assertDecision(this.engine.decide(citizen(), request().purpose("emergency-care").build()), Effect.PERMIT,
				Reason.IMPLIED_CONSENT, "PurposeDefaultRule");
		Decision research = this.engine.decide(citizen(),
				request().requester("RES01", "research", "researcher").purpose("research").build());
		assertDecision(research, Effect.DENY, Reason.EXPLICIT_CONSENT_REQUIRED, "PurposeDefaultRule");
		assertThat(research.explanation()).isEqualTo(
				"Your records are only used for research with your explicit consent, and you have not given it to organisation RES01.");
		Decision planning = this.engine.decide(citizen(),
				request().requester("CCG1", "commissioner", "analyst").purpose("planning").build());
		assertDecision(planning, Effect.PERMIT, Reason.OPT_OUT_MODEL, "PurposeDefaultRule");
		assertThat(planning.obligations()).containsExactly(Obligation.DEIDENTIFY);
	}

	@Test
	void decideWhenOrganisationPolicyDeniesPermitThenOrganisationPolicyDenyKeepingReasons() {
		ConsentDecisionEngine narrowed = new ConsentDecisionEngine(
				(request, permit) -> OrganisationVerdict.deny("pharmacies may not see genomic data"));

		Decision decision = narrowed.decide(citizen(), request().build());

		assertDecision(decision, Effect.DENY, Reason.ORGANISATION_POLICY, "OrganisationPolicy");
		assertThat(decision.organisationPolicyReasons()).containsExactly("pharmacies may not see genomic data");
		assertThat(decision.narrowedPermit().reason()).isEqualTo(Reason.IMPLIED_CONSENT);
		assertThat(decision.obligations()).isEmpty();
		assertThat(decision.explanation()).isEqualTo("Although your consent allowed it, an organisation policy"
				+ " refused organisation A81001 access to your summary records: pharmacies may not see genomic data.");
	}

	@Test
	void decideWhenOrganisationPolicyAllowsThenPermitUnchanged() {
		ConsentDecisionEngine withPolicy = new ConsentDecisionEngine((request, permit) -> OrganisationVerdict.allow());

		Decision decision = withPolicy.decide(citizen(),
				request().purpose("emergency-care").breakGlassReason("x").build());

		assertDecision(decision, Effect.PERMIT, Reason.BREAK_GLASS, "BreakGlassRule");
	}

	@Test
	void decideWhenCoreDeniesThenOrganisationPolicyNeverAsked() {
		List<Decision> asked = new ArrayList<>();
		ConsentDecisionEngine withPolicy = new ConsentDecisionEngine((request, permit) -> {
			asked.add(permit);
			return OrganisationVerdict.allow();
		});

		Decision decision = withPolicy.decide(citizen(), request().relationship(false).build());

		assertThat(decision.reason()).isEqualTo(Reason.NO_LEGITIMATE_RELATIONSHIP);
		assertThat(asked).isEmpty();
		withPolicy.decide(citizen(), request().build());
		assertThat(asked).extracting(Decision::reason).containsExactly(Reason.IMPLIED_CONSENT);
	}

	@Test
	void decideWhenOrganisationPolicyThrowsOrAnswersNullThenFailsClosed() {
		ConsentDecisionEngine throwing = new ConsentDecisionEngine((request, permit) -> {
			throw new IllegalStateException("boom");
		});
		ConsentDecisionEngine silent = new ConsentDecisionEngine((request, permit) -> null);

		assertThat(throwing.decide(citizen(), request().build()).reason()).isEqualTo(Reason.ORGANISATION_POLICY);
		assertThat(silent.decide(citizen(), request().build()).reason()).isEqualTo(Reason.ORGANISATION_POLICY);
	}

	@Test
	void decideWhenSubjectWrittenDifferentlyThenStillTheCitizen() {
		Citizen citizen = new Citizen(NhsNumber.parse("943-476-5919"), false, List.of());

		assertThat(this.engine.decide(citizen, request().subject("943 476 5919").build()).reason())
			.isEqualTo(Reason.IMPLIED_CONSENT);
	}

	private static void assertDecision(Decision decision, Effect effect, Reason reason, String layer) {
		assertThat(decision.effect()).isEqualTo(effect);
		assertThat(decision.reason()).isEqualTo(reason);
		assertThat(decision.layer()).isEqualTo(layer);
		assertThat(decision.obligations()).isEqualTo(reason.obligations());
		assertThat(decision.decidingDirectiveId() != null).isEqualTo(reason.namesDirective());
	}

}
