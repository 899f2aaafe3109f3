package care.concord.policy.request;

/**
 * A data category, the closed set of consent-decisions.md "Vocabulary"
 * ({@code category}), split into implied-consent categories and explicit-consent
 * categories (sensitive or citizen-generated data, layer 6 of the decision procedure).
 */
public enum Category {

	SUMMARY("summary", false, "summary"), MEDICATIONS("medications", false, "medication"),
	ALLERGIES("allergies", false, "allergy"), TEST_RESULTS("test-results", false, "test result"),
	CARE_PLAN("care-plan", false, "care plan"), SOCIAL_CARE_RECORD("social-care-record", false, "social care"),
	RECORD_LOCATION("record-location", false, "record-location"), MENTAL_HEALTH("mental-health", true, "mental-health"),
	SEXUAL_HEALTH("sexual-health", true, "sexual-health"),
	SUBSTANCE_MISUSE("substance-misuse", true, "substance-misuse"), GENOMIC("genomic", true, "genomic"),
	WEARABLE("wearable", true, "wearable-device");

	private static final Category[] VALUES = values();

	private final String code;

	private final boolean explicitConsent;

	private final String label;

	Category(String code, boolean explicitConsent, String label) {
		this.code = code;
		this.explicitConsent = explicitConsent;
		this.label = label;
	}

	/** The spec code, e.g. {@code mental-health}. */
	public String code() {
		return this.code;
	}

	/**
	 * True for the explicit-consent categories (spec layer 6); false for the
	 * implied-consent ones.
	 */
	public boolean requiresExplicitConsent() {
		return this.explicitConsent;
	}

	/**
	 * An adjective a citizen reads before "records", e.g. "mental-health" in
	 * "mental-health records".
	 */
	public String label() {
		return this.label;
	}

	/**
	 * The category with the given spec code.
	 * @throws InvalidRequestException (field {@code category}) for null or unknown codes
	 */
	public static Category fromCode(String code) {
		for (Category category : VALUES) {
			if (category.code.equals(code)) {
				return category;
			}
		}
		throw new InvalidRequestException("category",
				(code == null) ? "data category is missing" : "unknown data category '" + code + "'");
	}

	@Override
	public String toString() {
		return this.code;
	}

}
