package care.concord.server.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.Purpose;
import care.concord.server.audit.AuditActor;
import care.concord.server.relationship.CallingAgency;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed AuthZEN request (Authorization API 1.0 sections 6 and 7): the evaluations to
 * decide, each either a {@link DecisionQuery} or the {@link InvalidRequestException} its
 * members earned, and the batch's {@link Semantic}. A problem with the request as a whole
 * (no body, not JSON, an unexpected member, a malformed {@code evaluations} or
 * {@code options}) is thrown as an {@link InvalidRequestException} naming the member; a
 * problem with one evaluation of a batch is kept in its place, so that the others are
 * still decided.
 *
 * <p>
 * The requester is the caller: {@code subject.properties.organisation} must be the
 * token's {@code org_code} and {@code org_type}, when given, the token's
 * {@code org_type}. {@code context.relationship} can only narrow.
 *
 * @see <a href="https://openid.net/specs/authorization-api-1_0.html#section-7">AuthZEN
 * Access Evaluations API</a>
 */
public final class AuthZenRequest {

	/** Largest batch accepted. */
	public static final int MAX_EVALUATIONS = 100;

	static final String SUBJECT_TYPE = "agency-practitioner";

	static final String RESOURCE_TYPE = "care-record";

	static final String ACTION = "read";

	private static final Set<String> REQUEST_MEMBERS = Set.of("subject", "resource", "action", "context");

	private static final Set<String> BATCH_MEMBERS = Set.of("subject", "resource", "action", "context", "evaluations",
			"options");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	/**
	 * How a batch is evaluated ({@code options.evaluations_semantic}, AuthZEN section
	 * 7.1).
	 */
	public enum Semantic {

		/** Every evaluation is decided and answered (the default). */
		EXECUTE_ALL("execute_all"),
		/**
		 * Evaluations are decided in order until the first deny (or error), which is the
		 * last answered.
		 */
		DENY_ON_FIRST_DENY("deny_on_first_deny"),
		/**
		 * Evaluations are decided in order until the first permit, which is the last
		 * answered.
		 */
		PERMIT_ON_FIRST_PERMIT("permit_on_first_permit");

		private final String code;

		Semantic(String code) {
			this.code = code;
		}

		public String code() {
			return this.code;
		}

		/** True when evaluation stops after an answer with this decision. */
		public boolean stopsAt(boolean decision) {
			return (this == DENY_ON_FIRST_DENY && !decision) || (this == PERMIT_ON_FIRST_PERMIT && decision);
		}

		static Semantic fromCode(String code) {
			for (Semantic semantic : values()) {
				if (semantic.code.equals(code)) {
					return semantic;
				}
			}
			throw new InvalidRequestException("options.evaluations_semantic",
					"must be execute_all, deny_on_first_deny or permit_on_first_permit");
		}

	}

	/**
	 * One evaluation: its query, or why it has none.
	 *
	 * @param prefix how its members are named in errors ({@code ""} or
	 * {@code "evaluations[2]."})
	 * @param query the decision query, or null
	 * @param error the problem with its members, or null
	 */
	public record Evaluation(String prefix, DecisionQuery query, InvalidRequestException error) {

		/**
		 * The decision service's field names ({@code request.category}) as the AuthZEN
		 * members they came from.
		 */
		public InvalidRequestException renamed(InvalidRequestException ex) {
			String member = switch (ex.field()) {
				case "request.subject" -> "resource.id";
				case "request.holder" -> "resource.properties.holder";
				case "request.category" -> "resource.properties.category";
				case "request.purpose" -> "context.purpose";
				case "request.break_glass_reason" -> "context.break_glass_reason";
				case "request.requester.role" -> "subject.properties.role";
				case "request.requester.organisation" -> "subject.properties.organisation";
				case "request.requester.org_type" -> "subject.properties.org_type";
				default -> ex.field();
			};
			return new InvalidRequestException(this.prefix + member, ex.problem(), ex);
		}

	}

	private final List<Evaluation> evaluations;

	private final Semantic semantic;

	private AuthZenRequest(List<Evaluation> evaluations, Semantic semantic) {
		this.evaluations = List.copyOf(evaluations);
		this.semantic = semantic;
	}

	public List<Evaluation> evaluations() {
		return this.evaluations;
	}

	public Semantic semantic() {
		return this.semantic;
	}

	/**
	 * A single evaluation (AuthZEN section 6).
	 * @throws InvalidRequestException when the body, or the evaluation, is not a valid
	 * request
	 */
	public static Evaluation parseEvaluation(String body, CallingAgency caller, String requestId) {
		JsonNode json = object(body);
		members(json, REQUEST_MEMBERS, "");
		return new Evaluation("", query(json, caller, requestId, ""), null);
	}

	/**
	 * A batch (AuthZEN section 7): the top-level {@code subject}, {@code resource},
	 * {@code action} and {@code context} are the defaults of each item of
	 * {@code evaluations}; without items they are the one evaluation.
	 * @throws InvalidRequestException when the body as a whole is not a valid request
	 */
	public static AuthZenRequest parse(String body, CallingAgency caller, String requestId) {
		JsonNode json = object(body);
		members(json, BATCH_MEMBERS, "");
		Semantic semantic = semantic(json.get("options"));
		JsonNode items = json.get("evaluations");
		if (items == null || items.isNull() || (items.isArray() && items.isEmpty())) {
			return new AuthZenRequest(List.of(evaluation(json, caller, requestId, "")), semantic);
		}
		if (!items.isArray()) {
			throw new InvalidRequestException("evaluations", "must be an array");
		}
		if (items.size() > MAX_EVALUATIONS) {
			throw new InvalidRequestException("evaluations", "at most " + MAX_EVALUATIONS + " evaluations per request");
		}
		List<JsonNode> merged = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			JsonNode item = items.get(i);
			if (!item.isObject()) {
				throw new InvalidRequestException("evaluations[" + i + "]", "must be an object");
			}
			members(item, REQUEST_MEMBERS, "evaluations[" + i + "].");
			ObjectNode one = JSON.createObjectNode();
			for (String member : REQUEST_MEMBERS) {
				JsonNode value = item.has(member) ? item.get(member) : json.get(member);
				if (value != null) {
					one.set(member, value);
				}
			}
			merged.add(one);
		}
		List<Evaluation> evaluations = new ArrayList<>();
		for (int i = 0; i < merged.size(); i++) {
			evaluations.add(evaluation(merged.get(i), caller, requestId, "evaluations[" + i + "]."));
		}
		return new AuthZenRequest(evaluations, semantic);
	}

	/**
	 * The query that records a request which could not be parsed: the caller, without an
	 * access to decide.
	 */
	public static DecisionQuery base(CallingAgency caller, String requestId) {
		return DecisionQuery.builder()
			.actor(caller.actor(null))
			.requester(caller.orgCode(), caller.orgType(), null)
			.requestId(requestId)
			.detail("via", "authzen")
			.build();
	}

	private static Evaluation evaluation(JsonNode json, CallingAgency caller, String requestId, String prefix) {
		try {
			return new Evaluation(prefix, query(json, caller, requestId, prefix), null);
		}
		catch (InvalidRequestException ex) {
			return new Evaluation(prefix, null, ex);
		}
	}

	private static Semantic semantic(JsonNode options) {
		if (options == null || options.isNull()) {
			return Semantic.EXECUTE_ALL;
		}
		if (!options.isObject()) {
			throw new InvalidRequestException("options", "must be an object");
		}
		JsonNode value = options.get("evaluations_semantic");
		if (value == null || value.isNull()) {
			return Semantic.EXECUTE_ALL;
		}
		if (!value.isString()) {
			throw new InvalidRequestException("options.evaluations_semantic", "must be a string");
		}
		return Semantic.fromCode(value.asString());
	}

	private static JsonNode object(String body) {
		if (body == null || body.isBlank()) {
			throw new InvalidRequestException("body", "the request body is missing");
		}
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException("body", "the request body is not valid JSON");
		}
		if (json == null || !json.isObject()) {
			throw new InvalidRequestException("body", "the request body must be a JSON object");
		}
		return json;
	}

	private static void members(JsonNode json, Set<String> allowed, String prefix) {
		for (String member : json.propertyNames()) {
			if (!allowed.contains(member)) {
				throw new InvalidRequestException(prefix + printable(member), "unexpected member");
			}
		}
	}

	/**
	 * The query of one evaluation. Structural problems throw
	 * {@link InvalidRequestException} with the field prefixed (not yet audited);
	 * vocabulary is left to the decision service, which audits it.
	 */
	private static DecisionQuery query(JsonNode json, CallingAgency caller, String requestId, String prefix) {
		JsonNode subject = object(json, "subject", prefix);
		JsonNode resource = object(json, "resource", prefix);
		JsonNode action = object(json, "action", prefix);
		JsonNode context = optionalObject(json, "context", prefix);
		expect(subject, "type", SUBJECT_TYPE, prefix + "subject.type");
		expect(resource, "type", RESOURCE_TYPE, prefix + "resource.type");
		expect(action, "name", ACTION, prefix + "action.name");
		String practitionerId = text(subject, "id", prefix + "subject.id", true);
		JsonNode subjectProperties = object(subject, "properties", prefix + "subject.");
		String organisation = text(subjectProperties, "organisation", prefix + "subject.properties.organisation", true);
		if (!organisation.equals(caller.orgCode())) {
			throw new InvalidRequestException(prefix + "subject.properties.organisation",
					"must be the calling agency's organisation code (the token's org_code)");
		}
		String orgType = text(subjectProperties, "org_type", prefix + "subject.properties.org_type", false);
		if (orgType != null && !orgType.equals(caller.orgType())) {
			throw new InvalidRequestException(prefix + "subject.properties.org_type",
					"must be the calling agency's organisation type (the token's org_type)");
		}
		String role = text(subjectProperties, "role", prefix + "subject.properties.role", true);
		String nhsNumber = text(resource, "id", prefix + "resource.id", true);
		JsonNode resourceProperties = object(resource, "properties", prefix + "resource.");
		String category = text(resourceProperties, "category", prefix + "resource.properties.category", true);
		String holder = text(resourceProperties, "holder", prefix + "resource.properties.holder", true);
		String purpose = (context != null) ? text(context, "purpose", prefix + "context.purpose", true) : null;
		if (purpose == null) {
			throw new InvalidRequestException(prefix + "context.purpose", "purpose is missing");
		}
		String breakGlassReason = (context != null)
				? text(context, "break_glass_reason", prefix + "context.break_glass_reason", false) : null;
		Boolean relationship = null;
		if (context != null && context.has("relationship") && !context.get("relationship").isNull()) {
			JsonNode value = context.get("relationship");
			if (!value.isBoolean()) {
				throw new InvalidRequestException(prefix + "context.relationship", "must be true or false");
			}
			// Narrowing only: false is honoured, true is checked against Concord's own
			// records.
			relationship = value.booleanValue() ? null : Boolean.FALSE;
		}
		AuditActor actor = caller.actor(practitionerId);
		return DecisionQuery.builder()
			.actor(actor)
			.requester(caller.orgCode(), caller.orgType(), role)
			.subject(nhsNumber)
			.holder(holder)
			.category(category)
			.purpose(fhirToCode(purpose))
			.relationship(relationship)
			.breakGlassReason(breakGlassReason)
			.requestId(requestId)
			.detail("via", "authzen")
			.build();
	}

	/**
	 * A member name as it may be echoed and audited: at most 60 characters, no control
	 * characters.
	 */
	private static String printable(String member) {
		String capped = (member.length() > 60) ? member.substring(0, 60) + "..." : member;
		return capped.replaceAll("\\p{Cntrl}", "?");
	}

	private static String fhirToCode(String purpose) {
		for (Purpose candidate : Purpose.values()) {
			if (candidate.fhirCode().equals(purpose)) {
				return candidate.code();
			}
		}
		return purpose;
	}

	private static JsonNode object(JsonNode json, String member, String prefix) {
		JsonNode value = json.get(member);
		if (value == null || value.isNull()) {
			throw new InvalidRequestException(prefix + member, "is missing");
		}
		if (!value.isObject()) {
			throw new InvalidRequestException(prefix + member, "must be an object");
		}
		return value;
	}

	private static JsonNode optionalObject(JsonNode json, String member, String prefix) {
		JsonNode value = json.get(member);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			throw new InvalidRequestException(prefix + member, "must be an object");
		}
		return value;
	}

	private static void expect(JsonNode json, String member, String expected, String field) {
		JsonNode value = json.get(member);
		if (value == null || !value.isString() || !expected.equals(value.asString())) {
			throw new InvalidRequestException(field, "must be '" + expected + "'");
		}
	}

	private static String text(JsonNode json, String member, String field, boolean required) {
		JsonNode value = json.get(member);
		if (value == null || value.isNull()) {
			if (required) {
				throw new InvalidRequestException(field, "is missing");
			}
			return null;
		}
		if (!value.isString()) {
			throw new InvalidRequestException(field, "must be a string");
		}
		return value.asString();
	}

}
