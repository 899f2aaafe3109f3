package care.concord.policy;

import java.time.Instant;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Citizen;
import care.concord.policy.citizen.Directive;
import care.concord.policy.request.AccessRequest;

import java.util.List;

/**
 * Adjustable fixtures: a valid request (a GP with a care relationship reading the summary
 * for direct care) and its citizen, to be changed one field at a time by each test.
 */
public final class TestFixtures {

	public static final String NHS_NUMBER = "9434765919";

	public static final String OTHER_NHS_NUMBER = "9995908301";

	public static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

	private TestFixtures() {
	}

	/** A builder for a valid request, every field set. */
	public static AccessRequest.Builder request() {
		return AccessRequest.builder()
			.requester("A81001", "gp", "clinician")
			.subject(NHS_NUMBER)
			.holder("RR8")
			.category("summary")
			.purpose("direct-care")
			.relationship(true)
			.at("2026-11-25T10:00:00Z")
			.breakGlassReason(null);
	}

	/**
	 * A citizen with the fixture NHS number, not opted out, with the given directives.
	 */
	public static Citizen citizen(Directive... directives) {
		return new Citizen(NhsNumber.parse(NHS_NUMBER), false, List.of(directives));
	}

	/** A citizen with the fixture NHS number who registered the national data opt-out. */
	public static Citizen optedOutCitizen(Directive... directives) {
		return new Citizen(NhsNumber.parse(NHS_NUMBER), true, List.of(directives));
	}

	/**
	 * A builder for an active directive with the given id and effect and no scope
	 * ("any").
	 */
	public static Directive.Builder directive(String id, String effect) {
		return Directive.builder().id(id).effect(effect).status("active");
	}

}
