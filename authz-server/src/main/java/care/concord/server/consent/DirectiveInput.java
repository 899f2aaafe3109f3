package care.concord.server.consent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.policy.citizen.Directive;
import care.concord.policy.request.Codes;
import care.concord.policy.request.InvalidRequestException;

/**
 * Request body adding or changing a directive, in the vocabulary of consent-decisions.md:
 * <pre>
 * {"effect": "deny", "organisations": ["RRP"], "org_types": ["social-care"], "roles": ["social-worker"],
 *  "categories": ["mental-health"], "purposes": ["direct-care"],
 *  "start": "2026-12-01T00:00:00Z", "end": "2027-12-01T00:00:00Z"}
 * </pre> Absent or empty lists mean "any"; {@code start} and {@code end} are optional
 * ISO-8601 instants. The directive's id, status and owner are never taken from the body.
 * Validation goes through the policy model ({@link Directive.Builder}), so an unknown
 * code is refused naming its field.
 *
 * @param effect {@code permit} or {@code deny}
 * @param organisations organisation (ODS) codes
 * @param orgTypes organisation type codes
 * @param roles practitioner role tokens
 * @param categories data category codes
 * @param purposes purpose-of-use codes
 * @param start start of validity (inclusive)
 * @param end end of validity (exclusive)
 */
public record DirectiveInput(String effect, List<String> organisations,
		@JsonProperty("org_types") List<String> orgTypes, List<String> roles, List<String> categories,
		List<String> purposes, String start, String end) {

	/**
	 * The directive this input describes, with the given id, active.
	 * @param maxListSize the most entries one scope list may hold
	 * @throws InvalidRequestException naming the field at fault
	 */
	public Directive toDirective(String id, int maxListSize) {
		return Directive.builder()
			.id(id)
			.effect(care.concord.policy.decision.Effect.fromCode(this.effect))
			.organisations(list("organisations", this.organisations, maxListSize))
			.orgTypeCodes(list("org_types", this.orgTypes, maxListSize))
			.roles(list("roles", this.roles, maxListSize))
			.categoryCodes(list("categories", this.categories, maxListSize))
			.purposeCodes(list("purposes", this.purposes, maxListSize))
			.start(instant("start", this.start))
			.end(instant("end", this.end))
			.build();
	}

	/** The input describing the directive, the inverse of {@link #toDirective}. */
	public static DirectiveInput of(Directive directive) {
		return new DirectiveInput(directive.effect().code(), List.copyOf(directive.organisations()),
				directive.orgTypes().stream().map((t) -> t.code()).toList(), List.copyOf(directive.roles()),
				directive.categories().stream().map((c) -> c.code()).toList(),
				directive.purposes().stream().map((p) -> p.code()).toList(),
				(directive.start() != null) ? directive.start().toString() : null,
				(directive.end() != null) ? directive.end().toString() : null);
	}

	/**
	 * The field of the request naming an organisation code: {@code organisations[i]} at
	 * its first place in the list, or {@code organisations}.
	 */
	Function<String, String> organisationField() {
		return (code) -> {
			int index = (this.organisations != null) ? this.organisations.indexOf(code) : -1;
			return (index >= 0) ? "organisations[" + index + "]" : "organisations";
		};
	}

	private static List<String> list(String field, List<String> values, int max) {
		if (values == null) {
			return List.of();
		}
		if (values.size() > max) {
			throw new InvalidRequestException(field, "at most " + max + " entries are allowed, not " + values.size());
		}
		for (int i = 0; i < values.size(); i++) {
			if (values.get(i) == null) {
				throw new InvalidRequestException(field + "[" + i + "]", "value is missing");
			}
		}
		return values;
	}

	/** Instants are kept to the microsecond, the precision the database stores. */
	private static Instant instant(String field, String value) {
		return (value == null) ? null : Codes.instant(field, value).truncatedTo(ChronoUnit.MICROS);
	}

}
