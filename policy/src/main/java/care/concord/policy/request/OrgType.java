package care.concord.policy.request;

/**
 * The type of a requesting organisation, the closed set of consent-decisions.md
 * "Vocabulary" ({@code org_type}). Care providers may use the {@code direct-care}
 * purpose; the others (research, commissioner) may not.
 */
public enum OrgType {

	GP("gp", true, "GP practices"), ACUTE_HOSPITAL("acute-hospital", true, "hospitals"),
	MENTAL_HEALTH_TRUST("mental-health-trust", true, "mental health trusts"),
	COMMUNITY_HEALTH("community-health", true, "community health services"),
	AMBULANCE("ambulance", true, "ambulance services"), PHARMACY("pharmacy", true, "pharmacies"),
	SOCIAL_CARE("social-care", true, "social care"), RESEARCH("research", false, "research organisations"),
	COMMISSIONER("commissioner", false, "commissioners");

	private static final OrgType[] VALUES = values();

	private final String code;

	private final boolean careProvider;

	private final String label;

	OrgType(String code, boolean careProvider, String label) {
		this.code = code;
		this.careProvider = careProvider;
		this.label = label;
	}

	/** The spec code, e.g. {@code acute-hospital}. */
	public String code() {
		return this.code;
	}

	/** True for the care-provider types of the spec vocabulary. */
	public boolean isCareProvider() {
		return this.careProvider;
	}

	/** A plain-English plural a citizen reads, e.g. "GP practices". */
	public String label() {
		return this.label;
	}

	/**
	 * The type with the given spec code.
	 * @throws InvalidRequestException (field {@code org_type}) for null or unknown codes
	 */
	public static OrgType fromCode(String code) {
		for (OrgType type : VALUES) {
			if (type.code.equals(code)) {
				return type;
			}
		}
		throw new InvalidRequestException("org_type",
				(code == null) ? "organisation type is missing" : "unknown organisation type '" + code + "'");
	}

	@Override
	public String toString() {
		return this.code;
	}

}
