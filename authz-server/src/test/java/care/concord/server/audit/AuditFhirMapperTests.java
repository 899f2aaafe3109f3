package care.concord.server.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link AuditFhirMapper}: the AuditEvent mapping, and that the streamed Bundle
 * is valid FHIR R4 JSON that HAPI parses back.
 */
class AuditFhirMapperTests {

	/** Expensive to create; one for the whole class, as the application has one. */
	private static final FhirContext FHIR = FhirContext.forR4();

	private static final Instant AT = Instant.parse("2026-11-25T10:00:00.123456Z");

	private final AuditFhirMapper mapper = new AuditFhirMapper(FHIR);

	@Test
	void toAuditEventWhenBreakGlassPermitThenMapsTypeOutcomePurposeAgentsAndPatient() {
		AuditRecord record = AuditRecord.chain(5, AT, TestAuditEvents.breakGlass().build(), null,
				AuditHashing.GENESIS_HASH);

		org.hl7.fhir.r4.model.AuditEvent event = this.mapper.toAuditEvent(record);

		assertThat(event.getType().getCode()).isEqualTo("DECISION");
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("break-glass");
		assertThat(event.getAction()).isEqualTo(AuditEventAction.E);
		assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._0);
		assertThat(event.getRecordedElement().getValueAsString()).isEqualTo("2026-11-25T10:00:00.123456Z");
		assertThat(event.getPurposeOfEventFirstRep().getCoding()).extracting(Coding::getSystem, Coding::getCode)
			.containsExactly(tuple(AuditFhirMapper.PURPOSE_OF_USE_SYSTEM, "ETREAT"),
					tuple(AuditFhirMapper.PURPOSE_OF_USE_SYSTEM, "BTG"));
		AuditEventAgentComponent agency = event.getAgent().get(0);
		assertThat(agency.getWho().getIdentifier().getSystem()).isEqualTo(AuditFhirMapper.ODS_CODE_SYSTEM);
		assertThat(agency.getWho().getIdentifier().getValue()).isEqualTo("RX9");
		assertThat(agency.getRequestor()).isTrue();
		AuditEventAgentComponent person = event.getAgent().get(1);
		assertThat(person.getWho().getIdentifier().getValue()).isEqualTo("para.smith");
		assertThat(person.getRoleFirstRep().getCodingFirstRep().getCode()).isEqualTo("paramedic");
		AuditEventEntityComponent patient = event.getEntityFirstRep();
		assertThat(patient.getWhat().getIdentifier().getSystem()).isEqualTo("https://fhir.nhs.uk/Id/nhs-number");
		assertThat(patient.getWhat().getIdentifier().getValue()).isEqualTo("9434765870");
		assertThat(patient.getRole().getCode()).isEqualTo("1");
	}

	@Test
	void toAuditEventWhenDenyOrErrorThenMinorOrSeriousFailure() {
		AuditRecord deny = AuditRecord.chain(1, AT, TestAuditEvents.decision().build(), null,
				AuditHashing.GENESIS_HASH);
		AuditRecord error = AuditRecord.chain(2, AT, TestAuditEvents.decision().error("invalid-request").build(), null,
				deny.hash());

		assertThat(this.mapper.toAuditEvent(deny).getOutcome()).isEqualTo(AuditEventOutcome._4);
		assertThat(this.mapper.toAuditEvent(deny).getOutcomeDesc()).startsWith("directive-deny: Your directive d1");
		assertThat(this.mapper.toAuditEvent(error).getOutcome()).isEqualTo(AuditEventOutcome._8);
	}

	@Test
	void toAuditEventWhenPurposeIsResearchThenHresch() {
		AuditRecord record = AuditRecord.chain(1, AT, TestAuditEvents.decision().purpose("research").build(), null,
				AuditHashing.GENESIS_HASH);

		assertThat(this.mapper.toAuditEvent(record).getPurposeOfEventFirstRep().getCodingFirstRep().getCode())
			.isEqualTo("HRESCH");
	}

	@Test
	void bundleWriterWhenRecordsAddedThenHapiParsesCollectionWithEveryEntry() throws IOException {
		AuditRecord first = AuditRecord.chain(1, AT, TestAuditEvents.decision().build(), "{\"ticket\":\"t-1\"}",
				AuditHashing.GENESIS_HASH);
		AuditRecord second = AuditRecord.chain(2, AT, TestAuditEvents.breakGlass().build(), null, first.hash());
		StringWriter out = new StringWriter();

		AuditFhirMapper.BundleWriter writer = this.mapper.bundleWriter(out, AT);
		for (AuditRecord record : List.of(first, second)) {
			writer.add(record);
		}
		writer.finish();

		Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, out.toString());
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
		assertThat(bundle.getEntry()).hasSize(2);
		assertThat(bundle.getEntry()).allSatisfy((entry) -> assertThat(entry.getFullUrl()).startsWith("urn:uuid:"));
		org.hl7.fhir.r4.model.AuditEvent parsed = (org.hl7.fhir.r4.model.AuditEvent) bundle.getEntry()
			.get(1)
			.getResource();
		assertThat(parsed.getIdElement().getIdPart()).isEqualTo("concord-audit-2");
		assertThat(parsed.getEntity()).flatExtracting(AuditEventEntityComponent::getDetail).anySatisfy((detail) -> {
			assertThat(detail.getType()).isEqualTo("hash");
			assertThat(detail.getValue().primitiveValue()).isEqualTo(second.hash());
		});
	}

	@Test
	void bundleWriterWhenNoRecordsThenEmptyCollectionParses() throws IOException {
		StringWriter out = new StringWriter();

		this.mapper.bundleWriter(out, AT).finish();

		Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, out.toString());
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
		assertThat(bundle.getEntry()).isEmpty();
	}

	@Test
	void toAuditEventWhenCis2StaffThenPractitionerBySdsUserIdAndMetaOfAnUnchangingRecord() {
		AuditRecord record = AuditRecord.chain(7, AT,
				AuditEvent.builder(AuditEventType.IDENTITY_ACTION, AuditActor.user("cis2:555086689106"))
					.subject(TestAuditEvents.SUBJECT)
					.permit("record-lookup")
					.build(),
				null, AuditHashing.GENESIS_HASH);

		org.hl7.fhir.r4.model.AuditEvent event = this.mapper.toAuditEvent(record);

		assertThat(event.getIdElement().getIdPart()).isEqualTo("concord-audit-7");
		assertThat(event.getMeta().getVersionId()).isEqualTo("1");
		assertThat(event.getMeta().getLastUpdatedElement().getValueAsString()).isEqualTo("2026-11-25T10:00:00.123456Z");
		AuditEventAgentComponent person = event.getAgentFirstRep();
		assertThat(person.getWho().getType()).isEqualTo("Practitioner");
		assertThat(person.getWho().getIdentifier().getSystem()).isEqualTo(AuditFhirMapper.SDS_USER_ID_SYSTEM);
		assertThat(person.getWho().getIdentifier().getValue()).isEqualTo("555086689106");
		assertThat(person.getAltId()).isEqualTo("cis2:555086689106");
	}

	@Test
	void toAuditEventWhenConsentChangedByCitizenOrProxyThenCitizenByNhsNumber() {
		AuditRecord own = AuditRecord.chain(1, AT,
				AuditEvent.builder(AuditEventType.CONSENT_CHANGE, AuditActor.user("jo"))
					.subject(TestAuditEvents.SUBJECT)
					.permit("directive-created")
					.build(),
				null, AuditHashing.GENESIS_HASH);
		AuditRecord proxy = AuditRecord.chain(2, AT,
				AuditEvent.builder(AuditEventType.CONSENT_CHANGE, AuditActor.user("carer").withOnBehalfOf("jo"))
					.subject(TestAuditEvents.SUBJECT)
					.permit("directive-created")
					.build(),
				null, AuditHashing.GENESIS_HASH);
		AuditRecord admin = AuditRecord.chain(3, AT,
				AuditEvent.builder(AuditEventType.ADMIN_ACTION, AuditActor.user("root"))
					.subject(TestAuditEvents.SUBJECT)
					.permit("person-created")
					.build(),
				null, AuditHashing.GENESIS_HASH);

		assertThat(this.mapper.toAuditEvent(own).getAgent())
			.extracting((a) -> a.getWho().getType(), (a) -> a.getWho().getIdentifier().getSystem(),
					(a) -> a.getWho().getIdentifier().getValue())
			.containsExactly(tuple("Patient", AuditFhirMapper.NHS_NUMBER_SYSTEM, TestAuditEvents.SUBJECT.value()));
		assertThat(this.mapper.toAuditEvent(proxy).getAgent())
			.extracting((a) -> a.getWho().getType(), (a) -> a.getWho().getIdentifier().getSystem(),
					(a) -> a.getWho().getIdentifier().getValue())
			.containsExactly(tuple("Practitioner", AuditFhirMapper.USERNAME_SYSTEM, "carer"),
					tuple("Patient", AuditFhirMapper.NHS_NUMBER_SYSTEM, TestAuditEvents.SUBJECT.value()));
		assertThat(this.mapper.toAuditEvent(admin).getAgentFirstRep().getWho().getIdentifier().getSystem())
			.isEqualTo(AuditFhirMapper.USERNAME_SYSTEM);
	}

	@Test
	void sequenceOfWhenIdOfARecordThenItsSequenceElseMinusOne() {
		assertThat(AuditFhirMapper.sequenceOf(AuditFhirMapper.id(42))).isEqualTo(42);
		assertThat(AuditFhirMapper.sequenceOf("concord-audit-")).isEqualTo(-1);
		assertThat(AuditFhirMapper.sequenceOf("concord-audit-4x")).isEqualTo(-1);
		assertThat(AuditFhirMapper.sequenceOf("concord-audit-99999999999999999999")).isEqualTo(-1);
		assertThat(AuditFhirMapper.sequenceOf("Patient-1")).isEqualTo(-1);
		assertThat(AuditFhirMapper.sequenceOf(null)).isEqualTo(-1);
	}

	@Test
	void bundleWriterWhenBaseUrlThenEntriesNamedByTheirReadUrl() throws IOException {
		StringWriter out = new StringWriter();
		AuditFhirMapper.BundleWriter writer = this.mapper.bundleWriter(out, AT, "https://concord.example/fhir");
		writer.add(AuditRecord.chain(9, AT, TestAuditEvents.decision().build(), null, AuditHashing.GENESIS_HASH));
		writer.finish();

		Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, out.toString());
		assertThat(bundle.getEntryFirstRep().getFullUrl())
			.isEqualTo("https://concord.example/fhir/AuditEvent/concord-audit-9");
	}

}
