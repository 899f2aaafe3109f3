package care.concord.server.identity;

import java.util.Objects;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.nhs.NhsNumber;

/**
 * An agency's local record after validation: who submitted it, its local id, the NHS
 * number it carries (if any) and its normalised demographics. What the identity service
 * matches and stores; nothing else of the submission survives.
 *
 * @param orgCode the submitting agency's organisation code (the token's {@code org_code})
 * @param localId the agency's identifier of the record
 * @param nhsNumber the NHS number the agency gave, or null
 * @param demographics the standardised demographics; given name, family name and date of
 * birth are present
 */
public record LocalRecord(String orgCode, String localId, NhsNumber nhsNumber, StandardisedPerson demographics) {

	public LocalRecord {
		Objects.requireNonNull(orgCode, "orgCode");
		Objects.requireNonNull(localId, "localId");
		Objects.requireNonNull(demographics, "demographics");
	}

	/**
	 * True when the other record carries the same NHS number and the same normalised
	 * demographics.
	 */
	public boolean sameData(NhsNumber otherNhs, StandardisedPerson other) {
		return Objects.equals(this.nhsNumber, otherNhs) && sameDemographics(this.demographics, other);
	}

	/** Field-by-field equality of what is stored, ignoring the record id. */
	static boolean sameDemographics(StandardisedPerson a, StandardisedPerson b) {
		return Objects.equals(a.givenName(), b.givenName()) && Objects.equals(a.givenCanonical(), b.givenCanonical())
				&& Objects.equals(a.familyName(), b.familyName()) && Objects.equals(a.dateOfBirth(), b.dateOfBirth())
				&& Objects.equals(a.postcode(), b.postcode()) && Objects.equals(a.streetNumber(), b.streetNumber())
				&& Objects.equals(a.street(), b.street()) && Objects.equals(a.locality(), b.locality());
	}

}
