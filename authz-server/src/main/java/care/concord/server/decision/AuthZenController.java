package care.concord.server.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import care.concord.policy.decision.Audience;
import care.concord.policy.decision.Decision;
import care.concord.policy.decision.Obligation;
import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.Purpose;
import care.concord.server.audit.AuditActor;
import care.concord.server.relationship.CallingAgency;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consent decision API in the form of the OpenID AuthZEN Authorization API 1.0: an agency (bearer token with
 * scope {@code decision}) asks whether one of its practitioners may read a category of a citizen's record held by
 * some organisation.
 *
 * <pre>
 * POST /access/v1/evaluation
 * {"subject":  {"type": "agency-practitioner", "id": "P123",
 *               "properties": {"organisation": "A81001", "org_type": "gp", "role": "clinician"}},
 *  "resource": {"type": "care-record", "id": "9434765919",
 *               "properties": {"category": "medications", "holder": "RR8"}},
 *  "action":   {"name": "read"},
 *  "context":  {"purpose": "direct-care", "break_glass_reason": null}}
 * -&gt; {"decision": true, "context": {"reason": "implied-consent", "obligations": [], "explanation": "...",
 *                                  "audit_id": "42"}}
 * </pre>
 *
 * <p>The requester is the caller: {@code subject.properties.organisation} must be the token's {@code org_code}
 * and {@code org_type}, when given, the token's {@code org_type}. {@code context.relationship} can only narrow:
 * {@code false} decides without a care relationship, {@code true} (or absent) lets Concord look the relationship up
 * ({@link care.concord.server.relationship.CareRelationships}); an agency cannot create one by asserting it.
 *
 * <p>Every evaluation is decided and audited by the {@link ConsentDecisionService}. An invalid request is audited
 * as an error and answered with an RFC 9457 problem (400) naming the field; in a batch, an invalid evaluation is
 * answered in its place with {@code "decision": false} and {@code context.error}.
 *
 * @see <a href="https://openid.net/specs/authorization-api-1_0.html#section-6">AuthZEN Access Evaluation API</a>
 * @see <a href="https://openid.net/specs/authorization-api-1_0.html#section-7">AuthZEN Access Evaluations API</a>
 */
@RestController
public class AuthZenController {

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

	private final ConsentDecisionService decisions;

	public AuthZenController(ConsentDecisionService decisions) {
		this.decisions = decisions;
	}

	/** One evaluation (AuthZEN section 6). */
	@PostMapping("/access/v1/evaluation")
	Map<String, Object> evaluation(@RequestBody(required = false) String body, Authentication authentication,
			HttpServletRequest request) {
		CallingAgency caller = CallingAgency.from(authentication);
		String requestId = CallingAgency.requestId(request);
		JsonNode json = parse(body, caller, requestId);
		members(json, REQUEST_MEMBERS, "", caller, requestId);
		DecisionQuery query;
		try {
			query = query(json, caller, requestId, "");
		}
		catch (InvalidRequestException ex) {
			throw this.decisions.invalid(base(caller, requestId), ex);
		}
		try {
			return response(decide(query));
		}
		catch (InvalidRequestException ex) {
			// audited by the decision service; named here as the AuthZEN member it came from
			throw renamed(ex, "");
		}
	}

	/** A batch of evaluations with shared defaults (AuthZEN section 7). */
	@PostMapping("/access/v1/evaluations")
	Map<String, Object> evaluations(@RequestBody(required = false) String body, Authentication authentication,
			HttpServletRequest request) {
		CallingAgency caller = CallingAgency.from(authentication);
		String requestId = CallingAgency.requestId(request);
		JsonNode json = parse(body, caller, requestId);
		members(json, BATCH_MEMBERS, "", caller, requestId);
		JsonNode items = json.get("evaluations");
		List<JsonNode> merged = new ArrayList<>();
		if (items == null || items.isNull() || (items.isArray() && items.isEmpty())) {
			merged.add(json);
		}
		else if (!items.isArray()) {
			throw this.decisions.invalid(base(caller, requestId),
					new InvalidRequestException("evaluations", "must be an array"));
		}
		else if (items.size() > MAX_EVALUATIONS) {
			throw this.decisions.invalid(base(caller, requestId),
					new InvalidRequestException("evaluations", "at most " + MAX_EVALUATIONS + " evaluations per request"));
		}
		else {
			for (int i = 0; i < items.size(); i++) {
				JsonNode item = items.get(i);
				if (!item.isObject()) {
					throw this.decisions.invalid(base(caller, requestId),
							new InvalidRequestException("evaluations[" + i + "]", "must be an object"));
				}
				members(item, REQUEST_MEMBERS, "evaluations[" + i + "].", caller, requestId);
				ObjectNode one = JSON.createObjectNode();
				for (String member : REQUEST_MEMBERS) {
					JsonNode value = item.has(member) ? item.get(member) : json.get(member);
					if (value != null) {
						one.set(member, value);
					}
				}
				merged.add(one);
			}
		}
		List<Map<String, Object>> results = new ArrayList<>();
		for (int i = 0; i < merged.size(); i++) {
			String prefix = (items != null && items.isArray() && !items.isEmpty()) ? "evaluations[" + i + "]." : "";
			DecisionQuery query;
			try {
				query = query(merged.get(i), caller, requestId, prefix);
			}
			catch (InvalidRequestException ex) {
				results.add(errorResult(this.decisions.invalid(base(caller, requestId), ex)));
				continue;
			}
			try {
				results.add(response(decide(query)));
			}
			catch (InvalidRequestException ex) {
				// audited by the decision service
				results.add(errorResult(renamed(ex, prefix)));
			}
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("evaluations", results);
		return response;
	}

	private AuditedDecision decide(DecisionQuery query) {
		// DecisionNotAuditedException: 503 with Retry-After (ProblemDetailsAdvice), as at the UMA endpoints
		return this.decisions.decide(query);
	}

	private JsonNode parse(String body, CallingAgency caller, String requestId) {
		if (body == null || body.isBlank()) {
			throw this.decisions.invalid(base(caller, requestId),
					new InvalidRequestException("body", "the request body is missing"));
		}
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw this.decisions.invalid(base(caller, requestId),
					new InvalidRequestException("body", "the request body is not valid JSON"));
		}
		if (json == null || !json.isObject()) {
			throw this.decisions.invalid(base(caller, requestId),
					new InvalidRequestException("body", "the request body must be a JSON object"));
		}
		return json;
	}

	private void members(JsonNode json, Set<String> allowed, String prefix, CallingAgency caller, String requestId) {
		for (String member : json.propertyNames()) {
			if (!allowed.contains(member)) {
				throw this.decisions.invalid(base(caller, requestId),
						new InvalidRequestException(prefix + printable(member), "unexpected member"));
			}
		}
	}

	/**
	 * The query of one evaluation. Structural problems throw {@link InvalidRequestException} with the field
	 * prefixed (not yet audited); vocabulary is left to the decision service, which audits it.
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
			// Narrowing only: false is honoured, true is checked against Concord's own records.
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

	private static DecisionQuery base(CallingAgency caller, String requestId) {
		return DecisionQuery.builder()
			.actor(caller.actor(null))
			.requester(caller.orgCode(), caller.orgType(), null)
			.requestId(requestId)
			.detail("via", "authzen")
			.build();
	}

	private static Map<String, Object> response(AuditedDecision audited) {
		Decision decision = audited.decision();
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("reason", decision.reason().code());
		context.put("obligations", decision.obligations().stream().map(Obligation::code).sorted().toList());
		// agencies read about the citizen, in the third person
		context.put("explanation", decision.explanation(Audience.OTHERS));
		if (decision.decidingDirectiveId() != null) {
			context.put("directive", decision.decidingDirectiveId());
		}
		context.put("audit_id", Long.toString(audited.auditSequence()));
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("decision", decision.isPermit());
		response.put("context", context);
		return response;
	}

	/** The decision service's field names ({@code request.category}) as the AuthZEN members they came from. */
	static InvalidRequestException renamed(InvalidRequestException ex, String prefix) {
		String field = ex.field();
		String member = switch (field) {
			case "request.subject" -> "resource.id";
			case "request.holder" -> "resource.properties.holder";
			case "request.category" -> "resource.properties.category";
			case "request.purpose" -> "context.purpose";
			case "request.break_glass_reason" -> "context.break_glass_reason";
			case "request.requester.role" -> "subject.properties.role";
			case "request.requester.organisation" -> "subject.properties.organisation";
			case "request.requester.org_type" -> "subject.properties.org_type";
			default -> field;
		};
		return new InvalidRequestException(prefix + member, ex.problem(), ex);
	}

	private static Map<String, Object> errorResult(InvalidRequestException ex) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("status", 400);
		error.put("field", ex.field());
		error.put("message", ex.problem());
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("decision", false);
		response.put("context", Map.of("error", error));
		return response;
	}

	/** A member name as it may be echoed and audited: at most 60 characters, no control characters. */
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
