package care.concord.policy.json;

import java.util.ArrayList;
import java.util.List;

import care.concord.policy.decision.Decision;
import care.concord.policy.decision.Obligation;
import care.concord.policy.decision.OrganisationVerdict;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.Requester;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON exchanged with an Open Policy Agent Data API by {@code OpaOrganisationPolicy}:
 * the input document sent for a core permit, and the {@code {"result": {"allow": ...,
 * "reasons": [...]}}} answer. The shapes are documented in docs/consent-model.md
 * ("Organisation policy (OPA)").
 *
 * @see <a href="https://www.openpolicyagent.org/docs/latest/rest-api/#data-api">OPA REST
 * API: Data API</a>
 */
public final class OpaJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private OpaJson() {
	}

	/**
	 * The request body {@code {"input": {"request": {...}, "decision": {...}}}} for a
	 * core permit. The subject's NHS number and the break-glass text are deliberately
	 * left out: an organisation policy decides on who asks for what, not on whom, so it
	 * need not see identifying data.
	 */
	public static String input(AccessRequest request, Decision permit) {
		ObjectNode body = MAPPER.createObjectNode();
		ObjectNode input = body.putObject("input");
		ObjectNode req = input.putObject("request");
		Requester requester = request.requester();
		ObjectNode who = req.putObject("requester");
		who.put("organisation", requester.organisation());
		who.put("org_type", requester.orgType().code());
		who.put("role", requester.role());
		req.put("holder", request.holder());
		req.put("category", request.category().code());
		req.put("explicit_consent_category", request.category().requiresExplicitConsent());
		req.put("purpose", request.purpose().code());
		req.put("purpose_of_use", request.purpose().fhirCode());
		req.put("relationship", request.relationship());
		req.put("at", request.at().toString());
		req.put("break_glass", request.isBreakGlass());
		ObjectNode decision = input.putObject("decision");
		decision.put("decision", permit.effect().code());
		decision.put("reason", permit.reason().code());
		ArrayNode obligations = decision.putArray("obligations");
		for (Obligation obligation : permit.obligations()) {
			obligations.add(obligation.code());
		}
		if (permit.decidingDirectiveId() != null) {
			decision.put("directive", permit.decidingDirectiveId());
		}
		decision.put("layer", permit.layer());
		return MAPPER.writeValueAsString(body);
	}

	/**
	 * Reads an OPA Data API answer. {@code allow} must be a boolean; {@code reasons},
	 * when present, an array of strings.
	 * @throws IllegalArgumentException when the body is not JSON, has no {@code result}
	 * (OPA's answer for an undefined rule or unloaded package), or the result does not
	 * have the documented shape
	 */
	public static OrganisationVerdict verdict(String body) {
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("answer is not JSON", ex);
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("answer is not a JSON object");
		}
		JsonNode result = root.get("result");
		if (result == null || result.isNull()) {
			throw new IllegalArgumentException("answer has no result (is the policy package loaded?)");
		}
		if (!result.isObject() || !result.path("allow").isBoolean()) {
			throw new IllegalArgumentException("result has no boolean \"allow\"");
		}
		List<String> reasons = new ArrayList<>();
		JsonNode list = result.path("reasons");
		if (!list.isMissingNode() && !list.isNull()) {
			if (!list.isArray()) {
				throw new IllegalArgumentException("\"reasons\" is not an array");
			}
			for (JsonNode item : list) {
				if (!item.isString()) {
					throw new IllegalArgumentException("\"reasons\" holds a value that is not a string");
				}
				reasons.add(item.stringValue());
			}
		}
		return new OrganisationVerdict(result.path("allow").booleanValue(), reasons);
	}

}
