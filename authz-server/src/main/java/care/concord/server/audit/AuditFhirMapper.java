package care.concord.server.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import care.concord.policy.request.Purpose;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Maps audit records to FHIR R4 {@code AuditEvent} resources and writes them as a
 * {@code collection} Bundle, for information governance officers' tools.
 *
 * <p>
 * Mapping: {@code type} is the Concord event type and {@code subtype} the reason code;
 * {@code action} is E (execute) for decisions, U for changes, R for reads of the log;
 * {@code outcome} is 0 for permit, 4 for deny and 8 for error, with the reason and
 * explanation in {@code outcomeDesc}; {@code purposeOfEvent} is the HL7 PurposeOfUse code
 * (TREAT, ETREAT, HRESCH, HOPERAT), plus BTG when break glass was invoked; agents are the
 * requesting agency (ODS code), the person (username, with their role), the OAuth client
 * and the party acted for; entities are the patient (NHS number), the data (holder and
 * category), the deciding directive and the audit record itself (sequence number and
 * hashes, so an entry can be checked against the chain).
 *
 * @see <a href="https://hl7.org/fhir/R4/auditevent.html">FHIR R4 AuditEvent</a>
 */
public final class AuditFhirMapper {

	/** Concord's code system for {@link AuditEventType}. */
	public static final String EVENT_TYPE_SYSTEM = "https://concord.care/fhir/CodeSystem/audit-event-type";

	/** Concord's code system for decision reason and error codes. */
	public static final String REASON_SYSTEM = "https://concord.care/fhir/CodeSystem/decision-reason";

	/** Concord's code system for practitioner roles. */
	public static final String ROLE_SYSTEM = "https://concord.care/fhir/CodeSystem/role";

	public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

	public static final String ODS_CODE_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

	/** SDS user id, the identifier of NHS staff (their CIS2 {@code uid}). */
	public static final String SDS_USER_ID_SYSTEM = "https://fhir.nhs.uk/Id/sds-user-id";

	/** The prefix of the local accounts of staff signed in through CIS2. */
	static final String CIS2_USERNAME_PREFIX = "cis2:";

	public static final String USERNAME_SYSTEM = "https://concord.care/Id/username";

	public static final String CLIENT_ID_SYSTEM = "https://concord.care/Id/client-id";

	public static final String DIRECTIVE_SYSTEM = "https://concord.care/Id/consent-directive";

	static final String PURPOSE_OF_USE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

	private static final String ENTITY_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-entity-type";

	private static final String OBJECT_ROLE_SYSTEM = "http://terminology.hl7.org/CodeSystem/object-role";

	private static final String SOURCE_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/security-source-type";

	private final FhirContext fhir;

	/**
	 * A mapper using the given context. A {@link FhirContext} is expensive to create (it
	 * scans the model) and thread-safe, so the application makes one and shares it.
	 */
	public AuditFhirMapper(FhirContext fhir) {
		this.fhir = fhir;
	}

	/** The version id of every AuditEvent: audit records are never changed. */
	public static final String VERSION_ID = "1";

	/** The id of the AuditEvent of the record with that sequence number. */
	public static String id(long sequence) {
		return "concord-audit-" + sequence;
	}

	/**
	 * The sequence number of the record an AuditEvent id names, or -1 when the id is not
	 * one of {@link #id(long)}.
	 */
	public static long sequenceOf(String id) {
		String prefix = "concord-audit-";
		if (id == null || !id.startsWith(prefix) || id.length() > prefix.length() + 18) {
			return -1;
		}
		String digits = id.substring(prefix.length());
		if (digits.isEmpty() || !digits.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return -1;
		}
		return Long.parseLong(digits);
	}

	/** An AuditEvent (or a Bundle of them) in FHIR JSON, pretty-printed. */
	public String encode(IBaseResource resource) {
		return this.fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource);
	}

	/** The FHIR context this mapper encodes with. */
	public FhirContext fhirContext() {
		return this.fhir;
	}

	/** The FHIR AuditEvent for one record. */
	public AuditEvent toAuditEvent(AuditRecord record) {
		AuditEvent event = new AuditEvent();
		event.setId(id(record.sequence()));
		// an audit record never changes: version 1, last updated when it was recorded
		event.getMeta()
			.setVersionId(VERSION_ID)
			.setLastUpdatedElement(new InstantType(DateTimeFormatter.ISO_INSTANT.format(record.recordedAt())));
		event.setType(new Coding(EVENT_TYPE_SYSTEM, record.eventType(), null));
		if (record.reasonCode() != null) {
			event.addSubtype(new Coding(REASON_SYSTEM, record.reasonCode(), null));
		}
		event.setAction(action(record.eventType()));
		// InstantType keeps the microseconds a java.util.Date would drop
		event.setRecordedElement(new InstantType(DateTimeFormatter.ISO_INSTANT.format(record.recordedAt())));
		event.setOutcome(outcome(record.decision()));
		event.setOutcomeDesc(outcomeDescription(record));
		CodeableConcept purposeOfUse = purposeOfUse(record);
		if (purposeOfUse != null) {
			event.addPurposeOfEvent(purposeOfUse);
		}
		addAgents(event, record, purposeOfUse);
		event.getSource()
			.setSite("concord")
			.setObserver(new Reference().setDisplay("Concord authorization server"))
			.addType(new Coding(SOURCE_TYPE_SYSTEM, "4", "Application Server"));
		addEntities(event, record);
		return event;
	}

	/**
	 * Writes a FHIR JSON {@code collection} Bundle entry by entry, so that an export of
	 * any size is streamed: {@link BundleWriter#add(AuditRecord) add} each record, then
	 * {@link BundleWriter#finish() finish}.
	 */
	public BundleWriter bundleWriter(Writer out, Instant timestamp) throws IOException {
		return new BundleWriter(out, timestamp, null);
	}

	/**
	 * As {@link #bundleWriter(Writer, Instant)}, each entry's {@code fullUrl} the
	 * AuditEvent's URL under the FHIR base {@code baseUrl}
	 * ({@code <base>/AuditEvent/concord-audit-<n>}), where it can be read.
	 */
	public BundleWriter bundleWriter(Writer out, Instant timestamp, String baseUrl) throws IOException {
		return new BundleWriter(out, timestamp, baseUrl);
	}

	/**
	 * The agents, identified the NHS way where Concord knows how: an agency by its ODS
	 * code; staff signed in through CIS2 ({@code cis2:<uid>}) by their SDS user id; a
	 * citizen changing their own consent, and the citizen a proxy acts for, by their NHS
	 * number; other accounts and clients by Concord's own identifiers.
	 */
	private void addAgents(AuditEvent event, AuditRecord record, CodeableConcept purposeOfUse) {
		if (record.actorAgency() != null) {
			AuditEventAgentComponent agency = event.addAgent();
			agency.setWho(identified("Organization", ODS_CODE_SYSTEM, record.actorAgency()));
			agency.setRequestor(true);
		}
		if (record.actorUsername() != null) {
			AuditEventAgentComponent person = event.addAgent();
			person.setWho(person(record));
			person.setAltId(record.actorUsername());
			person.setRequestor(true);
			if (record.role() != null) {
				person.addRole(new CodeableConcept(new Coding(ROLE_SYSTEM, record.role(), null)));
			}
			if (purposeOfUse != null) {
				person.addPurposeOfUse(purposeOfUse);
			}
		}
		if (record.actorClientId() != null) {
			AuditEventAgentComponent client = event.addAgent();
			client.setWho(identified("Device", CLIENT_ID_SYSTEM, record.actorClientId()));
			client.setRequestor(record.actorAgency() == null && record.actorUsername() == null);
		}
		if (record.onBehalfOf() != null) {
			AuditEventAgentComponent principal = event.addAgent();
			if (isConsentChange(record) && record.subjectNhsNumber() != null) {
				// a proxy changed the citizen's consent: the citizen is the consent's
				// subject
				principal.setWho(identified("Patient", NHS_NUMBER_SYSTEM, record.subjectNhsNumber())
					.setDisplay(record.onBehalfOf()));
			}
			else {
				principal.setWho(new Reference().setDisplay(record.onBehalfOf()));
			}
			principal.setName(record.onBehalfOf());
			principal.setRequestor(true);
		}
	}

	private static Reference person(AuditRecord record) {
		String username = record.actorUsername();
		if (username.startsWith(CIS2_USERNAME_PREFIX) && username.length() > CIS2_USERNAME_PREFIX.length()) {
			return identified("Practitioner", SDS_USER_ID_SYSTEM, username.substring(CIS2_USERNAME_PREFIX.length()));
		}
		if (isConsentChange(record) && record.onBehalfOf() == null && record.actorAgency() == null
				&& record.subjectNhsNumber() != null) {
			// only the citizen or their proxy changes a consent: without a proxy, the
			// citizen
			return identified("Patient", NHS_NUMBER_SYSTEM, record.subjectNhsNumber());
		}
		return identified("Practitioner", USERNAME_SYSTEM, username);
	}

	private static boolean isConsentChange(AuditRecord record) {
		return AuditEventType.CONSENT_CHANGE.name().equals(record.eventType());
	}

	private void addEntities(AuditEvent event, AuditRecord record) {
		if (record.subjectNhsNumber() != null) {
			AuditEventEntityComponent patient = event.addEntity();
			patient.setWhat(identified("Patient", NHS_NUMBER_SYSTEM, record.subjectNhsNumber()));
			patient.setType(new Coding(ENTITY_TYPE_SYSTEM, "1", "Person"));
			patient.setRole(new Coding(OBJECT_ROLE_SYSTEM, "1", "Patient"));
		}
		if (record.holder() != null || record.category() != null) {
			AuditEventEntityComponent data = event.addEntity();
			if (record.holder() != null) {
				data.setWhat(identified("Organization", ODS_CODE_SYSTEM, record.holder()));
				data.addDetail().setType("holder").setValue(new StringType(record.holder()));
			}
			data.setType(new Coding(ENTITY_TYPE_SYSTEM, "2", "System Object"));
			data.setRole(new Coding(OBJECT_ROLE_SYSTEM, "4", "Domain Resource"));
			if (record.category() != null) {
				data.setDescription(record.category());
				data.addDetail().setType("category").setValue(new StringType(record.category()));
			}
		}
		if (record.directiveId() != null) {
			AuditEventEntityComponent directive = event.addEntity();
			directive.setWhat(identified("Consent", DIRECTIVE_SYSTEM, record.directiveId()));
			directive.setType(new Coding(ENTITY_TYPE_SYSTEM, "2", "System Object"));
			directive.setDescription("deciding consent directive");
		}
		AuditEventEntityComponent audit = event.addEntity();
		audit.setType(new Coding(ENTITY_TYPE_SYSTEM, "4", "Other"));
		audit.setDescription("Concord audit record");
		detail(audit, "sequence", Long.toString(record.sequence()));
		detail(audit, "hash", record.hash());
		detail(audit, "previous-hash", record.previousHash());
		detail(audit, "obligations", record.obligations().isEmpty() ? null : String.join(" ", record.obligations()));
		detail(audit, "break-glass-reason", record.breakGlassReason());
		detail(audit, "request-id", record.requestId());
		detail(audit, "correlation-id", record.correlationId());
		detail(audit, "details", record.details());
	}

	private static void detail(AuditEventEntityComponent entity, String type, String value) {
		if (value != null) {
			entity.addDetail().setType(type).setValue(new StringType(value));
		}
	}

	private static Reference identified(String type, String system, String value) {
		return new Reference().setType(type).setIdentifier(new Identifier().setSystem(system).setValue(value));
	}

	private static AuditEventAction action(String eventType) {
		if (eventType == null) {
			return AuditEventAction.E;
		}
		return switch (eventType) {
			case "REGISTRATION_CHANGE", "CONSENT_CHANGE" -> AuditEventAction.U;
			case "AUDIT_ACCESS" -> AuditEventAction.R;
			default -> AuditEventAction.E;
		};
	}

	private static AuditEventOutcome outcome(String decision) {
		if ("deny".equals(decision)) {
			return AuditEventOutcome._4;
		}
		if ("error".equals(decision)) {
			return AuditEventOutcome._8;
		}
		return AuditEventOutcome._0;
	}

	private static String outcomeDescription(AuditRecord record) {
		if (record.reasonCode() == null) {
			return record.explanation();
		}
		return (record.explanation() == null) ? record.reasonCode() : record.reasonCode() + ": " + record.explanation();
	}

	private static CodeableConcept purposeOfUse(AuditRecord record) {
		CodeableConcept concept = new CodeableConcept();
		for (Purpose purpose : Purpose.values()) {
			if (purpose.code().equals(record.purpose())) {
				concept.addCoding(new Coding(PURPOSE_OF_USE_SYSTEM, purpose.fhirCode(), purpose.label()));
			}
		}
		if (record.breakGlass()) {
			concept.addCoding(new Coding(PURPOSE_OF_USE_SYSTEM, "BTG", "break the glass"));
		}
		return concept.hasCoding() ? concept : null;
	}

	/**
	 * Streams a FHIR JSON Bundle of type {@code collection}. The envelope is written by
	 * hand, each entry's resource by HAPI's JSON parser, so memory use does not grow with
	 * the export.
	 */
	public final class BundleWriter {

		private final Writer out;

		private final IParser parser;

		private final String baseUrl;

		private boolean first = true;

		private BundleWriter(Writer out, Instant timestamp, String baseUrl) throws IOException {
			this.out = out;
			this.baseUrl = baseUrl;
			this.parser = AuditFhirMapper.this.fhir.newJsonParser();
			String stamp = DateTimeFormatter.ISO_INSTANT.format(timestamp);
			out.write("{\"resourceType\":\"Bundle\",\"id\":\"" + UUID.randomUUID() + "\",\"meta\":{\"lastUpdated\":\""
					+ stamp + "\"},\"type\":\"collection\",\"timestamp\":\"" + stamp + "\",\"entry\":[");
		}

		/** Writes the record's AuditEvent as the next entry. */
		public void add(AuditRecord record) throws IOException {
			if (!this.first) {
				this.out.write(',');
			}
			this.first = false;
			// a stable URL per record, so that the same record has the same fullUrl in
			// every export: where it is read, else a name-based URN
			String fullUrl = (this.baseUrl != null) ? this.baseUrl + "/AuditEvent/" + id(record.sequence())
					: "urn:uuid:" + UUID.nameUUIDFromBytes(record.hash().getBytes(StandardCharsets.US_ASCII));
			this.out.write("{\"fullUrl\":\"" + jsonString(fullUrl) + "\",\"resource\":");
			this.parser.encodeResourceToWriter(toAuditEvent(record), this.out);
			this.out.write('}');
		}

		private static String jsonString(String value) {
			return value.replace("\\", "\\\\").replace("\"", "\\\"");
		}

		/** Closes the entry list and the bundle; the writer itself is left open. */
		public void finish() throws IOException {
			this.out.write("]}");
			this.out.flush();
		}

	}

}
