package care.concord.server.consent.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Directive;
import care.concord.policy.decision.Effect;
import care.concord.policy.request.Category;
import care.concord.policy.request.Codes;
import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.OrgType;
import care.concord.policy.request.Purpose;
import care.concord.server.consent.ConsentState;
import care.concord.server.consent.DirectiveVersion;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * Maps a citizen's consent to and from an HL7 FHIR R4 {@code Consent} resource (the
 * mapping is documented in docs/consent-model.md, "FHIR Consent mapping"):
 * <ul>
 * <li>{@code status} active, {@code scope} patient-privacy, {@code category} LOINC
 * 59284-0, {@code patient} and {@code performer} the citizen by NHS number,
 * {@code policy} the privacy notice version, and an extension {@value #OPT_OUT_EXTENSION}
 * holding the national data opt-out;</li>
 * <li>a root {@code provision} without a rule, holding one nested {@code provision} per
 * active directive: its element {@code id} the directive id, {@code type} permit/deny,
 * {@code period}, {@code actor} (organisations by ODS code with role IRCP, organisation
 * types and roles as coded actor roles in Concord code systems), {@code purpose}
 * (v3-ActReason TREAT, ETREAT, HRESCH, HOPERAT) and {@code class} (Concord's data
 * categories).</li>
 * </ul>
 * Import refuses, naming the element, whatever the directive model cannot represent
 * (deeper nesting, data references, security labels, actions, codes, unknown code systems
 * or codes, a rule on the root provision, another patient). Holds one
 * {@link FhirContext}, which is expensive to create: make one mapper per application.
 *
 * @see <a href="https://hl7.org/fhir/R4/consent.html">FHIR R4 Consent</a>
 */
public final class FhirConsentMapper {

	/** NHS number identifier system. */
	public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

	/** ODS organisation code identifier system. */
	public static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

	/**
	 * Concord's code system of organisation types (consent-decisions.md
	 * {@code org_type}).
	 */
	public static final String ORG_TYPE_SYSTEM = "https://concord.care/fhir/CodeSystem/org-type";

	/**
	 * Concord's code system of practitioner roles (also used by the audit FHIR export).
	 */
	public static final String ROLE_SYSTEM = "https://concord.care/fhir/CodeSystem/role";

	/**
	 * Concord's code system of data categories (consent-decisions.md {@code category}).
	 */
	public static final String CATEGORY_SYSTEM = "https://concord.care/fhir/CodeSystem/data-category";

	/** HL7 v3 ActReason, the PurposeOfUse codes. */
	public static final String PURPOSE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

	/** HL7 consent scope code system. */
	public static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";

	/**
	 * HL7 v3 ParticipationType: an organisation actor is an information recipient
	 * ({@code IRCP}).
	 */
	public static final String PARTICIPATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

	/** The extension holding the national data opt-out (valueBoolean). */
	public static final String OPT_OUT_EXTENSION = "https://concord.care/fhir/StructureDefinition/national-data-opt-out";

	/** The prefix of the policy URI; the privacy notice version follows it. */
	public static final String POLICY_PREFIX = "urn:concord:consent-notice:";

	static final String LOINC = "http://loinc.org";

	static final String PATIENT_CONSENT = "59284-0";

	static final String RECIPIENT = "IRCP";

	private static final String P = "Consent.provision.provision";

	private final FhirContext fhir;

	public FhirConsentMapper(FhirContext fhir) {
		this.fhir = Objects.requireNonNull(fhir, "fhir");
	}

	/** The citizen's active directives and opt-out as a FHIR Consent, in JSON. */
	public String export(ConsentState state, String noticeVersion, Instant now) {
		return encode(toConsent(state, noticeVersion, now));
	}

	/**
	 * The resource (a Consent, or a search Bundle of them) in FHIR JSON, pretty-printed.
	 */
	public String encode(IBaseResource resource) {
		return parser().setPrettyPrint(true).encodeResourceToString(resource);
	}

	/**
	 * The citizen's active directives and opt-out as a FHIR Consent: {@code id}
	 * {@link #consentId(NhsNumber)}, {@code meta.versionId} the consent version,
	 * {@code meta.lastUpdated} and {@code dateTime} the time of the last change (both
	 * {@code now} for a citizen who never changed their consent, {@code lastUpdated} then
	 * left out).
	 */
	public Consent toConsent(ConsentState state, String noticeVersion, Instant now) {
		Consent consent = new Consent();
		consent.setId(consentId(state.subject()));
		Instant lastUpdated = lastUpdated(state);
		consent.getMeta().setVersionId(Long.toString(state.version()));
		if (lastUpdated != null) {
			consent.getMeta().setLastUpdatedElement(new InstantType(DateTimeFormatter.ISO_INSTANT.format(lastUpdated)));
		}
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.setScope(concept(SCOPE_SYSTEM, "patient-privacy", "Privacy Consent"));
		consent.addCategory(concept(LOINC, PATIENT_CONSENT, "Patient Consent"));
		consent.setPatient(patient(state.subject()));
		consent.addPerformer(patient(state.subject()));
		consent.setDateTimeElement(
				new DateTimeType(DateTimeFormatter.ISO_INSTANT.format((lastUpdated != null) ? lastUpdated : now)));
		consent.addPolicy().setUri(POLICY_PREFIX + noticeVersion);
		consent.addExtension(new Extension(OPT_OUT_EXTENSION, new BooleanType(state.nationalOptOut())));
		ProvisionComponent root = new ProvisionComponent();
		for (DirectiveVersion version : state.activeDirectives()) {
			root.addProvision(provision(version.directive()));
		}
		consent.setProvision(root);
		return consent;
	}

	/**
	 * The id of the citizen's Consent: a name-based UUID of the NHS number, the same on
	 * every export and every node, which does not show the NHS number.
	 */
	public static String consentId(NhsNumber subject) {
		return UUID.nameUUIDFromBytes(("concord:consent:" + subject.value()).getBytes(StandardCharsets.US_ASCII))
			.toString();
	}

	/**
	 * When the citizen's consent last changed (a directive recorded or revoked, the
	 * opt-out set), or null when it never did.
	 */
	public static Instant lastUpdated(ConsentState state) {
		Instant last = state.optOutChangedAt();
		for (DirectiveVersion version : state.directives()) {
			last = later(last, version.recordedAt());
			last = later(last, version.revokedAt());
		}
		return last;
	}

	private static Instant later(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || !b.isAfter(a)) ? a : b;
	}

	private static ProvisionComponent provision(Directive d) {
		ProvisionComponent p = new ProvisionComponent();
		p.setId(d.id());
		p.setType((d.effect() == Effect.PERMIT) ? ConsentProvisionType.PERMIT : ConsentProvisionType.DENY);
		if (d.start() != null || d.end() != null) {
			Period period = new Period();
			if (d.start() != null) {
				period.setStartElement(new DateTimeType(d.start().toString()));
			}
			if (d.end() != null) {
				period.setEndElement(new DateTimeType(d.end().toString()));
			}
			p.setPeriod(period);
		}
		for (String organisation : d.organisations()) {
			p.addActor()
				.setRole(concept(PARTICIPATION_SYSTEM, RECIPIENT, "information recipient"))
				.setReference(new Reference().setType("Organization")
					.setIdentifier(new Identifier().setSystem(ODS_SYSTEM).setValue(organisation)));
		}
		for (OrgType type : d.orgTypes()) {
			p.addActor()
				.setRole(concept(ORG_TYPE_SYSTEM, type.code(), type.label()))
				.setReference(new Reference().setType("Organization").setDisplay("any of " + type.label()));
		}
		for (String role : d.roles()) {
			p.addActor()
				.setRole(concept(ROLE_SYSTEM, role, role))
				.setReference(new Reference().setType("PractitionerRole").setDisplay("any " + role));
		}
		for (Purpose purpose : d.purposes()) {
			p.addPurpose(new Coding(PURPOSE_SYSTEM, purpose.fhirCode(), purpose.label()));
		}
		for (Category category : d.categories()) {
			p.addClass_(new Coding(CATEGORY_SYSTEM, category.code(), category.label()));
		}
		return p;
	}

	private static final java.util.regex.Pattern UNKNOWN_ELEMENT = java.util.regex.Pattern
		.compile("Unknown element '([A-Za-z0-9_.\\[\\]-]{1,64})'");

	private static final java.util.regex.Pattern ELEMENT = java.util.regex.Pattern
		.compile("(?:element=\"|for element )([A-Za-z0-9_.]{1,64})");

	/**
	 * What is wrong with a body the FHIR parser refused, in plain words: never the
	 * parser's message, which names HAPI and Jackson internals (issue #12 finding 9).
	 */
	static String plainWords(Exception ex) {
		if (ex instanceof ClassCastException) {
			return "the resource is not a Consent";
		}
		String message = String.valueOf(ex.getMessage());
		java.util.regex.Matcher unknown = UNKNOWN_ELEMENT.matcher(message);
		if (unknown.find()) {
			return "unknown element '" + unknown.group(1) + "'";
		}
		if (message.contains("resourceType") || message.contains("Incorrect resource type")) {
			return "the resource is not a Consent (resourceType)";
		}
		java.util.regex.Matcher element = ELEMENT.matcher(message);
		if (element.find()) {
			return "element '" + element.group(1) + "' has a value of the wrong type or form";
		}
		if (message.contains("content to parse") || message.contains("No content")) {
			return "the body is empty";
		}
		return "the body is not FHIR JSON that can be read (check its syntax, element names and value types)";
	}

	/**
	 * Reads a FHIR Consent (JSON) about the citizen into directive drafts and, when the
	 * opt-out extension is present, the opt-out.
	 * @throws InvalidRequestException naming the FHIR element
	 * ({@code Consent.provision.provision[1].purpose[0]}) that is invalid or cannot be
	 * represented
	 */
	public Imported parse(String json, NhsNumber subject, int maxDirectives, int maxListSize) {
		return interpret(read(json), subject, maxDirectives, maxListSize);
	}

	/**
	 * Reads FHIR JSON into a Consent, strictly (unknown elements, wrong value types and
	 * another resource type are refused).
	 * @throws InvalidRequestException naming {@code Consent} and saying in plain words
	 * what cannot be read
	 */
	public Consent read(String json) {
		try {
			return parser().setParserErrorHandler(new StrictErrorHandler()).parseResource(Consent.class, json);
		}
		catch (DataFormatException | ClassCastException ex) {
			throw new InvalidRequestException("Consent", "not a valid FHIR R4 Consent resource: " + plainWords(ex));
		}
	}

	/**
	 * What a Consent about the citizen says, as directive drafts and the opt-out.
	 * @throws InvalidRequestException naming the FHIR element that cannot be represented
	 */
	public Imported interpret(Consent consent, NhsNumber subject, int maxDirectives, int maxListSize) {
		if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
			throw new InvalidRequestException("Consent.status", "only an active Consent can be imported");
		}
		if (!consent.getModifierExtension().isEmpty()) {
			throw new InvalidRequestException("Consent.modifierExtension", "modifier extensions are not supported");
		}
		if (consent.hasScope() && !hasCoding(consent.getScope(), SCOPE_SYSTEM, "patient-privacy")) {
			throw new InvalidRequestException("Consent.scope", "only patient-privacy consent can be imported");
		}
		checkPatient("Consent.patient", consent.hasPatient() ? consent.getPatient() : null, subject);
		Boolean optOut = null;
		for (Extension extension : consent.getExtension()) {
			if (OPT_OUT_EXTENSION.equals(extension.getUrl())) {
				if (!(extension.getValue() instanceof BooleanType value) || value.getValue() == null) {
					throw new InvalidRequestException("Consent.extension", OPT_OUT_EXTENSION + " needs a valueBoolean");
				}
				optOut = value.getValue();
			}
		}
		List<Directive> drafts = new ArrayList<>();
		if (consent.hasProvision()) {
			ProvisionComponent root = consent.getProvision();
			checkRootCarriesNoRule(root);
			List<ProvisionComponent> nested = root.getProvision();
			if (nested.size() > maxDirectives) {
				throw new InvalidRequestException(P, "at most " + maxDirectives + " provisions are allowed");
			}
			Set<String> ids = new HashSet<>();
			for (int i = 0; i < nested.size(); i++) {
				String element = P + "[" + i + "]";
				Directive draft = directive(nested.get(i), element, i, maxListSize);
				if (!ids.add(draft.id())) {
					throw new InvalidRequestException(element + ".id", "id '" + draft.id() + "' is used twice");
				}
				drafts.add(draft);
			}
		}
		return new Imported(drafts, optOut);
	}

	private static void checkPatient(String element, Reference patient, NhsNumber subject) {
		if (patient == null) {
			return;
		}
		Identifier identifier = patient.getIdentifier();
		if (patient.hasReference() || !patient.hasIdentifier() || !NHS_NUMBER_SYSTEM.equals(identifier.getSystem())) {
			throw new InvalidRequestException(element,
					"the patient must be given by an identifier of system " + NHS_NUMBER_SYSTEM);
		}
		if (!NhsNumber.isValid(identifier.getValue()) || !NhsNumber.parse(identifier.getValue()).equals(subject)) {
			throw new InvalidRequestException(element + ".identifier.value",
					"the Consent is about another patient than the citizen");
		}
	}

	private static void checkRootCarriesNoRule(ProvisionComponent root) {
		String element = "Consent.provision";
		if (root.hasType() || root.hasActor() || root.hasPurpose() || root.hasClass_() || root.hasPeriod()) {
			throw new InvalidRequestException(element, "the root provision carries no rule in Concord's mapping: "
					+ "give each directive as a nested provision");
		}
		checkUnsupported(root, element);
	}

	private static void checkUnsupported(ProvisionComponent p, String element) {
		if (p.hasAction()) {
			throw new InvalidRequestException(element + ".action", "actions cannot be represented in a directive");
		}
		if (p.hasSecurityLabel()) {
			throw new InvalidRequestException(element + ".securityLabel", "security labels cannot be represented");
		}
		if (p.hasCode()) {
			throw new InvalidRequestException(element + ".code", "codes cannot be represented in a directive");
		}
		if (p.hasData()) {
			throw new InvalidRequestException(element + ".data", "references to data cannot be represented");
		}
		if (p.hasDataPeriod()) {
			throw new InvalidRequestException(element + ".dataPeriod", "data periods cannot be represented");
		}
		if (!p.getModifierExtension().isEmpty()) {
			throw new InvalidRequestException(element + ".modifierExtension", "modifier extensions are not supported");
		}
	}

	private static Directive directive(ProvisionComponent p, String element, int index, int maxListSize) {
		checkUnsupported(p, element);
		if (p.hasProvision()) {
			throw new InvalidRequestException(element + ".provision",
					"a directive's provision cannot be nested further");
		}
		if (!p.hasType()) {
			throw new InvalidRequestException(element + ".type", "type (permit or deny) is required");
		}
		String id = (p.getId() != null && !p.getId().isBlank()) ? p.getId() : "import-" + index;
		Directive.Builder builder = Directive.builder()
			.id(id)
			.effect((p.getType() == ConsentProvisionType.PERMIT) ? Effect.PERMIT : Effect.DENY);
		if (p.hasPeriod()) {
			builder.start(instant(element + ".period.start", p.getPeriod().getStartElement()))
				.end(instant(element + ".period.end", p.getPeriod().getEndElement()));
		}
		List<provisionActorComponent> actors = p.getActor();
		int organisations = 0;
		int orgTypes = 0;
		int roles = 0;
		for (int j = 0; j < actors.size(); j++) {
			String actorElement = element + ".actor[" + j + "]";
			provisionActorComponent actor = actors.get(j);
			Coding role = single(actorElement + ".role", actor.getRole());
			if (PARTICIPATION_SYSTEM.equals(role.getSystem()) && RECIPIENT.equals(role.getCode())) {
				Identifier identifier = actor.getReference().getIdentifier();
				if (!actor.getReference().hasIdentifier() || !ODS_SYSTEM.equals(identifier.getSystem())) {
					throw new InvalidRequestException(actorElement + ".reference.identifier",
							"an organisation actor needs an identifier of system " + ODS_SYSTEM);
				}
				builder.organisations(
						Codes.organisation(actorElement + ".reference.identifier.value", identifier.getValue()));
				organisations++;
			}
			else if (ORG_TYPE_SYSTEM.equals(role.getSystem())) {
				builder.orgTypes(code(actorElement + ".role", () -> OrgType.fromCode(role.getCode())));
				orgTypes++;
			}
			else if (ROLE_SYSTEM.equals(role.getSystem())) {
				builder.roles(Codes.role(actorElement + ".role", role.getCode()));
				roles++;
			}
			else {
				throw new InvalidRequestException(actorElement + ".role",
						"actor role " + role.getSystem() + "|" + role.getCode() + " cannot be represented (use "
								+ PARTICIPATION_SYSTEM + "|" + RECIPIENT + " with an ODS identifier, " + ORG_TYPE_SYSTEM
								+ " or " + ROLE_SYSTEM + ")");
			}
		}
		if (Math.max(organisations, Math.max(orgTypes, roles)) > maxListSize) {
			throw new InvalidRequestException(element + ".actor", "at most " + maxListSize + " actors of a kind");
		}
		List<Coding> purposes = p.getPurpose();
		if (purposes.size() > maxListSize) {
			throw new InvalidRequestException(element + ".purpose", "at most " + maxListSize + " purposes");
		}
		for (int j = 0; j < purposes.size(); j++) {
			String purposeElement = element + ".purpose[" + j + "]";
			Coding coding = purposes.get(j);
			if (!PURPOSE_SYSTEM.equals(coding.getSystem())) {
				throw new InvalidRequestException(purposeElement, "purpose must be coded in " + PURPOSE_SYSTEM);
			}
			builder.purposes(code(purposeElement, () -> Purpose.fromFhirCode(coding.getCode())));
		}
		List<Coding> classes = p.getClass_();
		if (classes.size() > maxListSize) {
			throw new InvalidRequestException(element + ".class", "at most " + maxListSize + " classes");
		}
		for (int j = 0; j < classes.size(); j++) {
			String classElement = element + ".class[" + j + "]";
			Coding coding = classes.get(j);
			if (!CATEGORY_SYSTEM.equals(coding.getSystem())) {
				throw new InvalidRequestException(classElement, "class must be coded in " + CATEGORY_SYSTEM);
			}
			builder.categories(code(classElement, () -> Category.fromCode(coding.getCode())));
		}
		try {
			return builder.build();
		}
		catch (InvalidRequestException ex) {
			String field = "end".equals(ex.field()) ? element + ".period.end" : element + "." + ex.field();
			throw new InvalidRequestException(field, ex.problem(), ex);
		}
	}

	private static Coding single(String element, CodeableConcept concept) {
		if (concept == null || concept.getCoding().size() != 1) {
			throw new InvalidRequestException(element, "exactly one coding is required");
		}
		return concept.getCodingFirstRep();
	}

	private static <T> T code(String element, java.util.function.Supplier<T> parser) {
		try {
			return parser.get();
		}
		catch (InvalidRequestException ex) {
			throw new InvalidRequestException(element, ex.problem(), ex);
		}
	}

	private static Instant instant(String element, DateTimeType value) {
		if (value == null || value.getValueAsString() == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.getValueAsString()).toInstant().truncatedTo(ChronoUnit.MICROS);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequestException(element,
					"'" + value.getValueAsString() + "' must be a date-time with time and time zone", ex);
		}
	}

	private static boolean hasCoding(CodeableConcept concept, String system, String code) {
		return concept.getCoding().stream().anyMatch((c) -> system.equals(c.getSystem()) && code.equals(c.getCode()));
	}

	private static CodeableConcept concept(String system, String code, String display) {
		return new CodeableConcept().addCoding(new Coding(system, code, display));
	}

	private static Reference patient(NhsNumber subject) {
		return new Reference().setType("Patient")
			.setIdentifier(new Identifier().setSystem(NHS_NUMBER_SYSTEM).setValue(subject.value()));
	}

	private IParser parser() {
		return this.fhir.newJsonParser();
	}

	/**
	 * What an imported Consent says.
	 *
	 * @param drafts the directives, with the provision's id (or {@code import-<n>} when
	 * it had none)
	 * @param optOut the national data opt-out, or null when the Consent does not say
	 */
	public record Imported(List<Directive> drafts, Boolean optOut) {

		public Imported {
			drafts = List.copyOf(drafts);
		}

	}

}
