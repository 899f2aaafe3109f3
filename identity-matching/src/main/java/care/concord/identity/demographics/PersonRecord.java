package care.concord.identity.demographics;

/**
 * A person record as it arrives: raw text for each demographic field, any of which may be
 * {@code null}.
 *
 * <p>
 * {@code id} is the record's key in its source system; it identifies the record, it is
 * never used as evidence that two records are the same person. {@code identifier} is a
 * person identifier shared between systems (an NHS number, FEBRL's {@code soc_sec_id});
 * matching uses it only when asked to.
 *
 * @param id the source record key (required)
 * @param givenName given name(s)
 * @param familyName family name
 * @param dateOfBirth date of birth in any layout {@link DateOfBirth} accepts
 * @param postcode postcode
 * @param streetNumber house or street number
 * @param street street (first address line)
 * @param locality district or second address line
 * @param town town, city or suburb
 * @param region county or state
 * @param identifier shared person identifier, e.g. an NHS number
 */
public record PersonRecord(String id, String givenName, String familyName, String dateOfBirth, String postcode,
		String streetNumber, String street, String locality, String town, String region, String identifier) {

	/** Requires an id. */
	public PersonRecord {
		if (id == null || id.isBlank()) {
			throw new InvalidFieldException("id", "record id is missing");
		}
	}

	/** A builder starting from an id, for callers that set only some fields. */
	public static Builder builder(String id) {
		return new Builder(id);
	}

	/** Builds a {@link PersonRecord} field by field. */
	public static final class Builder {

		private final String id;

		private String givenName;

		private String familyName;

		private String dateOfBirth;

		private String postcode;

		private String streetNumber;

		private String street;

		private String locality;

		private String town;

		private String region;

		private String identifier;

		private Builder(String id) {
			this.id = id;
		}

		/** Sets the given name(s). */
		public Builder givenName(String value) {
			this.givenName = value;
			return this;
		}

		/** Sets the family name. */
		public Builder familyName(String value) {
			this.familyName = value;
			return this;
		}

		/** Sets the date of birth text. */
		public Builder dateOfBirth(String value) {
			this.dateOfBirth = value;
			return this;
		}

		/** Sets the postcode. */
		public Builder postcode(String value) {
			this.postcode = value;
			return this;
		}

		/** Sets the house number. */
		public Builder streetNumber(String value) {
			this.streetNumber = value;
			return this;
		}

		/** Sets the street. */
		public Builder street(String value) {
			this.street = value;
			return this;
		}

		/** Sets the locality. */
		public Builder locality(String value) {
			this.locality = value;
			return this;
		}

		/** Sets the town. */
		public Builder town(String value) {
			this.town = value;
			return this;
		}

		/** Sets the region (county, state). */
		public Builder region(String value) {
			this.region = value;
			return this;
		}

		/** Sets the shared identifier (NHS number). */
		public Builder identifier(String value) {
			this.identifier = value;
			return this;
		}

		/** The record. */
		public PersonRecord build() {
			return new PersonRecord(this.id, this.givenName, this.familyName, this.dateOfBirth, this.postcode,
					this.streetNumber, this.street, this.locality, this.town, this.region, this.identifier);
		}

	}

}
