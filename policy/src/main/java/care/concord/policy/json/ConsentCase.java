package care.concord.policy.json;

import care.concord.policy.decision.DecisionEngine;
import care.concord.policy.request.InvalidRequestException;
import tools.jackson.databind.JsonNode;

/**
 * One worked case of a case file (consent-decisions.md "Case file form"): a name, the
 * citizen and request as written, and the expected outcome. The inputs are kept as
 * written and read only when the case is run, because reading them may itself be the
 * invalid request the case expects.
 */
public final class ConsentCase {

	private final String name;

	private final JsonNode citizen;

	private final JsonNode request;

	private final CaseOutcome expected;

	ConsentCase(String name, JsonNode citizen, JsonNode request, CaseOutcome expected) {
		this.name = name;
		this.citizen = citizen;
		this.request = request;
		this.expected = expected;
	}

	/** The case's name. */
	public String name() {
		return this.name;
	}

	/** The expected outcome ({@code expect}). */
	public CaseOutcome expected() {
		return this.expected;
	}

	/**
	 * Reads the inputs and decides with the engine; an {@link InvalidRequestException} is
	 * an error outcome.
	 */
	public CaseOutcome run(DecisionEngine engine) {
		try {
			return CaseOutcome.of(engine.decide(ConsentJson.citizen(this.citizen), ConsentJson.request(this.request)));
		}
		catch (InvalidRequestException ex) {
			return CaseOutcome.invalidRequest(ex.getMessage());
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
