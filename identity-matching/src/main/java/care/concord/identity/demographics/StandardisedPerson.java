package care.concord.identity.demographics;

/**
 * A person record after standardisation: what comparisons and blocking keys read. Every
 * field is {@code null} when absent.
 *
 * @param id the source record key (never evidence)
 * @param givenName standardised given name(s), see {@link Names}
 * @param givenCanonical the formal name the first given name stands for ({@code bill} →
 * {@code william})
 * @param familyName standardised family name
 * @param dateOfBirth {@code yyyymmdd} digits; a calendar date unless
 * {@code dateOfBirthChecked} is false
 * @param dateOfBirthChecked false when the digits were kept from an impossible date in
 * lenient mode
 * @param postcode normalised postcode, see {@link Postcodes}
 * @param streetNumber standardised house number
 * @param street standardised street
 * @param locality standardised locality
 * @param town standardised town
 * @param region standardised region
 * @param identifier shared identifier with separators removed
 */
public record StandardisedPerson(String id, String givenName, String givenCanonical, String familyName,
		String dateOfBirth, boolean dateOfBirthChecked, String postcode, String streetNumber, String street,
		String locality, String town, String region, String identifier) {

	/** The birth year digits, or {@code null}. */
	public String birthYear() {
		return this.dateOfBirth == null ? null : this.dateOfBirth.substring(0, 4);
	}

}
