package care.concord.identity.matching.scoring;

/**
 * Why a pair whose weight reaches the match threshold is still held for review: evidence
 * that two records are two people which the sum of weights alone would outvote. A held
 * pair scores just below the match threshold.
 */
public enum Caution {

	/**
	 * Both records carry valid NHS numbers, and they differ: two people, whatever the
	 * demographics say.
	 */
	DIFFERENT_NHS_NUMBERS("different NHS numbers"),
	/**
	 * The NHS numbers agree, but the given names and the dates of birth both clearly
	 * differ.
	 */
	NHS_NUMBER_BUT_OTHER_PERSON("same NHS number, but another given name and another date of birth"),
	/**
	 * Another given name (not a typo, nickname or swap): a twin, sibling or spouse at one
	 * address.
	 */
	OTHER_GIVEN_NAME("another given name"),
	/**
	 * Born on the same day and month a generation apart: a parent and child of one name.
	 */
	GENERATION_APART("date of birth a generation apart"),
	/** Dates of birth that are not a typo of each other. */
	OTHER_DATE_OF_BIRTH("another date of birth"),
	/**
	 * Neither given name, date of birth nor identifier agrees: people of one household.
	 */
	NO_PERSONAL_AGREEMENT("no agreement on given name, date of birth or identifier");

	private final String description;

	Caution(String description) {
		this.description = description;
	}

	/** The reason as an IG officer reads it. */
	public String description() {
		return this.description;
	}

}
