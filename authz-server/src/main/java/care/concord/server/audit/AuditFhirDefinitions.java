package care.concord.server.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import care.concord.policy.decision.Reason;
import care.concord.server.fhir.Definitions;
import care.concord.server.fhir.FhirDefinitions;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * The audit log's FHIR definitions: the code system of audit event types (complete) and
 * of reason codes (a fragment: the decision reasons of the consent model; features add
 * their own action codes, such as {@code directive-created}), and the AuditEvent read and
 * search served at {@code /fhir/AuditEvent}.
 */
final class AuditFhirDefinitions implements FhirDefinitions {

	@Override
	public List<MetadataResource> definitions() {
		Map<String, String> types = new LinkedHashMap<>();
		for (AuditEventType type : AuditEventType.values()) {
			types.put(type.name(), type.name().toLowerCase(Locale.ROOT).replace('_', ' '));
		}
		Map<String, String> reasons = new LinkedHashMap<>();
		for (Reason reason : Reason.values()) {
			reasons.put(reason.code(), reason.code().replace('-', ' '));
		}
		return List.of(
				Definitions.codeSystem("audit-event-type", "ConcordAuditEventType", "Concord audit event types",
						"The kinds of event Concord's audit log records (AuditEvent.type).",
						CodeSystemContentMode.COMPLETE, types),
				Definitions.codeSystem("decision-reason", "ConcordDecisionReason", "Concord reason codes",
						"Why an audited event ended as it did (AuditEvent.subtype): the consent decision reasons "
								+ "listed here, and the action and error codes of Concord's features "
								+ "(lower-case words and '-', such as directive-created or audit-search).",
						CodeSystemContentMode.FRAGMENT, reasons));
	}

	@Override
	public List<CapabilityStatementRestResourceComponent> restResources() {
		CapabilityStatementRestResourceComponent auditEvent = new CapabilityStatementRestResourceComponent();
		auditEvent.setType("AuditEvent");
		auditEvent.setProfile("http://hl7.org/fhir/StructureDefinition/AuditEvent");
		auditEvent.setDocumentation("One record of Concord's tamper-evident audit log, read by id "
				+ "(concord-audit- and the record's sequence number) or searched; role ig-officer; every read and "
				+ "every page of a search is itself audited. Records never change (versionId 1). A search answers "
				+ "newest first, _count a page (default " + AuditSearch.DEFAULT_PAGE_SIZE + ", at most "
				+ AuditSearch.MAX_PAGE_SIZE + "), with a next link while more match; unknown parameters are "
				+ "refused (400). Bulk export: GET /api/audit/export.fhir (a collection Bundle).");
		auditEvent.setVersioning(ResourceVersionPolicy.VERSIONED);
		auditEvent.setReadHistory(false);
		auditEvent.addInteraction().setCode(TypeRestfulInteraction.READ);
		auditEvent.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
		auditEvent.addSearchParam()
			.setName("patient")
			.setType(SearchParamType.REFERENCE)
			.setDefinition("http://hl7.org/fhir/SearchParameter/AuditEvent-patient")
			.setDocumentation("With the modifier :identifier (or the chain patient.identifier): "
					+ AuditFhirMapper.NHS_NUMBER_SYSTEM
					+ "|9434765919 (the NHS number after the bar): the records about that person");
		auditEvent.addSearchParam()
			.setName("date")
			.setType(SearchParamType.DATE)
			.setDefinition("http://hl7.org/fhir/SearchParameter/AuditEvent-date")
			.setDocumentation("When the record was written; prefixes eq (default), ge, gt, le, lt; repeat it "
					+ "for a range; dates are read in UK time");
		auditEvent.addSearchParam()
			.setName("type")
			.setType(SearchParamType.TOKEN)
			.setDefinition("http://hl7.org/fhir/SearchParameter/AuditEvent-type")
			.setDocumentation("An audit event type of " + AuditFhirMapper.EVENT_TYPE_SYSTEM);
		auditEvent.addSearchParam()
			.setName("subtype")
			.setType(SearchParamType.TOKEN)
			.setDefinition("http://hl7.org/fhir/SearchParameter/AuditEvent-subtype")
			.setDocumentation("A reason code of " + AuditFhirMapper.REASON_SYSTEM);
		return List.of(auditEvent);
	}

}
