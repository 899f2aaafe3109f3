package care.concord.policy.decision;

import java.util.List;

/**
 * What an {@link OrganisationPolicy} answered about a permit: keep it ({@code allowed})
 * or narrow it to a deny, with the policy's reasons in plain English (shown in the
 * decision's explanation).
 *
 * @param allowed true to keep the permit
 * @param reasons why, in plain English; may be empty
 */
public record OrganisationVerdict(boolean allowed, List<String> reasons) {

	private static final OrganisationVerdict ALLOW = new OrganisationVerdict(true, List.of());

	public OrganisationVerdict {
		reasons = List.copyOf(reasons);
	}

	/** Keep the permit. */
	public static OrganisationVerdict allow() {
		return ALLOW;
	}

	/** Narrow the permit to a deny, for the given reasons. */
	public static OrganisationVerdict deny(String... reasons) {
		return new OrganisationVerdict(false, List.of(reasons));
	}

	/** Narrow the permit to a deny, for the given reasons. */
	public static OrganisationVerdict deny(List<String> reasons) {
		return new OrganisationVerdict(false, reasons);
	}

}
