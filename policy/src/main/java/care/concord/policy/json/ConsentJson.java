package care.concord.policy.json;

import java.util.ArrayList;
import java.util.List;

import care.concord.policy.citizen.Citizen;
import care.concord.policy.citizen.Directive;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.Codes;
import care.concord.policy.request.InvalidRequestException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code citizen} and {@code request} objects of consent-decisions.md "Case
 * file form" into the domain types. Every problem, including a JSON value of the wrong
 * type, is an {@link InvalidRequestException} naming the field in the case-file form, as
 * the spec treats any malformed input as an invalid request.
 */
public final class ConsentJson {

	private ConsentJson() {
	}

	/** The {@code request} object as an {@link AccessRequest}. */
	public static AccessRequest request(JsonNode node) {
		object("request", node);
		JsonNode requester = node.path("requester");
		object("request.requester", requester);
		return AccessRequest.builder()
			.organisation(text("request.requester.organisation", requester.path("organisation")))
			.orgType(text("request.requester.org_type", requester.path("org_type")))
			.role(text("request.requester.role", requester.path("role")))
			.subject(text("request.subject", node.path("subject")))
			.holder(text("request.holder", node.path("holder")))
			.category(text("request.category", node.path("category")))
			.purpose(text("request.purpose", node.path("purpose")))
			.relationship(bool("request.relationship", node.path("relationship")))
			.at(text("request.at", node.path("at")))
			.breakGlassReason(text("request.break_glass_reason", node.path("break_glass_reason")))
			.build();
	}

	/**
	 * The {@code citizen} object as a {@link Citizen}; an absent or null
	 * {@code directives} means none.
	 */
	public static Citizen citizen(JsonNode node) {
		object("citizen", node);
		var nhsNumber = Codes.nhsNumber("citizen.nhs_number", text("citizen.nhs_number", node.path("nhs_number")));
		boolean optOut = Codes.bool("citizen.national_opt_out",
				bool("citizen.national_opt_out", node.path("national_opt_out")));
		List<Directive> directives = new ArrayList<>();
		JsonNode list = node.path("directives");
		if (!isAbsent(list)) {
			if (!list.isArray()) {
				throw new InvalidRequestException("citizen.directives", "must be an array");
			}
			for (int i = 0; i < list.size(); i++) {
				String prefix = "citizen.directives[" + i + "]";
				if (!list.get(i).isObject()) {
					throw new InvalidRequestException(prefix, "must be an object");
				}
				try {
					directives.add(directive(list.get(i)));
				}
				catch (InvalidRequestException ex) {
					throw ex.prefixed(prefix + ".");
				}
			}
		}
		return new Citizen(nhsNumber, optOut, directives);
	}

	/** One directive object; fields in errors are relative to the directive. */
	static Directive directive(JsonNode node) {
		Directive.Builder builder = Directive.builder()
			.id(text("id", node.path("id")))
			.effect(text("effect", node.path("effect")))
			.status(text("status", node.path("status")))
			.organisations(texts("organisations", node.path("organisations")))
			.orgTypeCodes(texts("org_types", node.path("org_types")))
			.roles(texts("roles", node.path("roles")))
			.categoryCodes(texts("categories", node.path("categories")))
			.purposeCodes(texts("purposes", node.path("purposes")));
		String start = text("start", node.path("start"));
		String end = text("end", node.path("end"));
		String createdAt = text("created_at", node.path("created_at"));
		return builder.start((start != null) ? Codes.instant("start", start) : null)
			.end((end != null) ? Codes.instant("end", end) : null)
			.createdAt((createdAt != null) ? Codes.instant("created_at", createdAt) : null)
			.build();
	}

	private static void object(String field, JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new InvalidRequestException(field, isAbsent(node) ? "object is missing" : "must be an object");
		}
	}

	private static boolean isAbsent(JsonNode node) {
		return node == null || node.isMissingNode() || node.isNull();
	}

	/**
	 * A string, or null when absent or JSON null (the domain then reports it missing if
	 * it is required).
	 */
	private static String text(String field, JsonNode node) {
		if (isAbsent(node)) {
			return null;
		}
		if (!node.isString()) {
			throw new InvalidRequestException(field, "must be a string");
		}
		return node.stringValue();
	}

	private static String bool(String field, JsonNode node) {
		if (isAbsent(node)) {
			return null;
		}
		if (!node.isBoolean()) {
			throw new InvalidRequestException(field, "must be true or false");
		}
		return Boolean.toString(node.booleanValue());
	}

	/** A scope list: absent, null or empty all mean "any". */
	private static List<String> texts(String field, JsonNode node) {
		if (isAbsent(node)) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new InvalidRequestException(field, "must be an array of strings");
		}
		List<String> values = new ArrayList<>(node.size());
		for (int i = 0; i < node.size(); i++) {
			JsonNode item = node.get(i);
			if (item == null || !item.isString()) {
				throw new InvalidRequestException(field + "[" + i + "]", "must be a string");
			}
			values.add(item.stringValue());
		}
		return values;
	}

}
