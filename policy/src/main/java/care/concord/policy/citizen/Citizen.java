package care.concord.policy.citizen;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.Codes;
import care.concord.policy.request.InvalidRequestException;

/**
 * A citizen as the decision engine sees them (consent-decisions.md "Inputs"): NHS number,
 * whether they registered the national data opt-out (layer 5), and their directives
 * (layer 4).
 *
 * @param nhsNumber the citizen's NHS number; a request's subject must equal it
 * @param nationalOptOut true when the citizen opted out of research and planning use
 * nationally
 * @param directives the citizen's directives, active or revoked, in any order; ids are
 * unique
 */
public record Citizen(NhsNumber nhsNumber, boolean nationalOptOut, List<Directive> directives) {

	public Citizen {
		if (nhsNumber == null) {
			throw new InvalidRequestException("citizen.nhs_number", "NHS number is missing");
		}
		if (directives == null) {
			throw new InvalidRequestException("citizen.directives", "directives are missing");
		}
		for (int i = 0; i < directives.size(); i++) {
			if (directives.get(i) == null) {
				throw new InvalidRequestException("citizen.directives[" + i + "]", "directive is missing");
			}
		}
		// List.copyOf gives an immutable random-access list, so the engine iterates by
		// index without an iterator.
		directives = List.copyOf(directives);
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < directives.size(); i++) {
			if (!ids.add(directives.get(i).id())) {
				throw new InvalidRequestException("citizen.directives[" + i + "].id",
						"directive id '" + directives.get(i).id() + "' is used twice");
			}
		}
	}

	/**
	 * A citizen from the NHS number as written (ten digits, or 3-3-4 with spaces or
	 * dashes).
	 * @throws InvalidRequestException (field {@code citizen.nhs_number}) when the number
	 * fails Modulus 11
	 */
	public static Citizen parse(String nhsNumber, boolean nationalOptOut, List<Directive> directives) {
		return new Citizen(Codes.nhsNumber("citizen.nhs_number", nhsNumber), nationalOptOut, directives);
	}

	/** A citizen with no directives. */
	public static Citizen of(NhsNumber nhsNumber, boolean nationalOptOut) {
		return new Citizen(nhsNumber, nationalOptOut, List.of());
	}

}
