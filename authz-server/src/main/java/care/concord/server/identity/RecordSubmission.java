package care.concord.server.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.identity.demographics.InvalidFieldException;
import care.concord.identity.demographics.PersonRecord;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.demographics.Standardiser;
import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.Printable;

/**
 * The body of {@code POST /api/identity/records}: an agency's local record, demographics
 * only. <pre>
 * {"local_id": "RX1-0042", "nhs_number": "943 476 5919", "given_name": "Jane", "family_name": "Smith",
 *  "date_of_birth": "1970-01-31", "sex": "female", "postcode": "LS1 4AP",
 *  "street_number": "12", "street": "High Street", "locality": "Headingley"}
 * </pre> {@code address_line} ({@code "12 High Street"}) may be given instead of
 * {@code street_number}/{@code street}. Any other member is refused (400 naming it): the
 * service takes no care data. {@code sex} is checked but not stored, as the matching
 * model does not compare it.
 *
 * @param localId the agency's record id (required): 1 to 64 of
 * {@code A-Z a-z 0-9 . _ : -}, starting with a letter or digit
 * @param nhsNumber NHS number (optional), 10 digits or 3-3-4, must pass Modulus 11
 * @param givenName given name(s) (required, at most 100 characters)
 * @param familyName family name (required, at most 100 characters)
 * @param dateOfBirth ISO-8601 date {@code yyyy-mm-dd} (required), not in the future, not
 * before 1880
 * @param sex {@code female}, {@code male}, {@code other} or {@code unknown} (optional,
 * not stored)
 * @param postcode postcode (optional, at most 16 characters)
 * @param addressLine first address line, house number and street (optional, at most 200
 * characters)
 * @param streetNumber house number (optional, at most 20 characters)
 * @param street street (optional, at most 100 characters)
 * @param locality locality or district (optional, at most 100 characters)
 * @param unknown members the API does not define; any makes the request invalid
 */
public record RecordSubmission(@JsonProperty("local_id") String localId, @JsonProperty("nhs_number") String nhsNumber,
		@JsonProperty("given_name") String givenName, @JsonProperty("family_name") String familyName,
		@JsonProperty("date_of_birth") String dateOfBirth, String sex, String postcode,
		@JsonProperty("address_line") String addressLine, @JsonProperty("street_number") String streetNumber,
		String street, String locality, @JsonAnySetter Map<String, Object> unknown) {

	/** Longest local id (as {@code subject_local_id} in UMA resource registration). */
	public static final int MAX_LOCAL_ID = 64;

	/** Longest name. */
	public static final int MAX_NAME = 100;

	/** Earliest accepted date of birth. */
	public static final LocalDate EARLIEST_DATE_OF_BIRTH = LocalDate.of(1880, 1, 1);

	private static final Pattern LOCAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Set<String> SEXES = Set.of("female", "male", "other", "unknown");

	public RecordSubmission {
		unknown = (unknown != null) ? unknown : new LinkedHashMap<>();
	}

	/**
	 * The validated, standardised record.
	 * @param orgCode the submitting agency
	 * @param today dates of birth after this are refused
	 * @throws InvalidRequestException {@code validation-failed} naming the first field at
	 * fault
	 */
	public LocalRecord toLocalRecord(String orgCode, LocalDate today) {
		if (!this.unknown.isEmpty()) {
			String field = this.unknown.keySet().iterator().next();
			throw new InvalidRequestException(Printable.of(field),
					"unknown field; the identity service accepts demographics only");
		}
		String local = required("local_id", this.localId, MAX_LOCAL_ID);
		if (!LOCAL_ID.matcher(local).matches()) {
			throw new InvalidRequestException("local_id",
					"use letters, digits, '.', '_', ':' and '-' only, starting with a letter or digit");
		}
		NhsNumber nhs = parsedNhsNumber();
		String given = required("given_name", this.givenName, MAX_NAME);
		String family = required("family_name", this.familyName, MAX_NAME);
		LocalDate dob = parsedDateOfBirth(today);
		if (this.sex != null && !SEXES.contains(this.sex)) {
			throw new InvalidRequestException("sex", "sex must be female, male, other or unknown");
		}
		optional("postcode", this.postcode, 16);
		optional("address_line", this.addressLine, 200);
		optional("street_number", this.streetNumber, 20);
		optional("street", this.street, MAX_NAME);
		optional("locality", this.locality, MAX_NAME);
		if (this.addressLine != null && (this.street != null || this.streetNumber != null)) {
			throw new InvalidRequestException("address_line", "give either address_line or street_number and street");
		}
		PersonRecord raw = PersonRecord.builder(orgCode + "/" + local)
			.givenName(given)
			.familyName(family)
			.dateOfBirth(dob.toString())
			.postcode(this.postcode)
			.streetNumber(this.streetNumber)
			.street((this.addressLine != null) ? this.addressLine : this.street)
			.locality(this.locality)
			.build();
		StandardisedPerson person;
		try {
			person = new Standardiser(Standardiser.DateMode.STRICT, today).standardise(raw);
		}
		catch (InvalidFieldException ex) {
			String field = "street".equals(ex.field()) && this.addressLine != null ? "address_line" : ex.field();
			throw new InvalidRequestException(field, ex.reason());
		}
		if (person.givenName() == null) {
			throw new InvalidRequestException("given_name", "must contain letters");
		}
		if (person.familyName() == null) {
			throw new InvalidRequestException("family_name", "must contain letters");
		}
		return new LocalRecord(orgCode, local, nhs, person);
	}

	private NhsNumber parsedNhsNumber() {
		if (this.nhsNumber == null) {
			return null;
		}
		if (this.nhsNumber.length() > 20) {
			throw new InvalidRequestException("nhs_number", "NHS number must have 10 digits (3-3-4 spacing allowed)");
		}
		try {
			return NhsNumber.parse(this.nhsNumber);
		}
		catch (NhsNumber.InvalidNhsNumberException ex) {
			throw new InvalidRequestException("nhs_number", ex.getMessage());
		}
	}

	private LocalDate parsedDateOfBirth(LocalDate today) {
		String text = required("date_of_birth", this.dateOfBirth, 10);
		if (!ISO_DATE.matcher(text).matches()) {
			throw new InvalidRequestException("date_of_birth", "use the ISO-8601 form yyyy-mm-dd");
		}
		LocalDate date;
		try {
			date = LocalDate.parse(text);
		}
		catch (DateTimeException ex) {
			throw new InvalidRequestException("date_of_birth", "'" + text + "' is not a calendar date");
		}
		if (date.isAfter(today)) {
			throw new InvalidRequestException("date_of_birth", "date of birth is in the future");
		}
		if (date.isBefore(EARLIEST_DATE_OF_BIRTH)) {
			throw new InvalidRequestException("date_of_birth", "date of birth is before " + EARLIEST_DATE_OF_BIRTH);
		}
		return date;
	}

	private static String required(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			throw new InvalidRequestException(field, "is required");
		}
		optional(field, value, max);
		return value;
	}

	private static void optional(String field, String value, int max) {
		if (value != null && value.length() > max) {
			throw new InvalidRequestException(field, "at most " + max + " characters are allowed");
		}
	}
}
