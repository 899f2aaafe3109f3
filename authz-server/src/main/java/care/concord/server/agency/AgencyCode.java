package care.concord.server.agency;

import java.util.regex.Pattern;

import care.concord.policy.request.InvalidRequestException;

/**
 * An organisation code in the style of the NHS Organisation Data Service (ODS): 3 to 8
 * upper-case letters or digits, e.g. {@code A81001} (a GP practice), {@code RR8} (a
 * trust).
 *
 * @param value the code
 * @see <a href="https://digital.nhs.uk/services/organisation-data-service">NHS
 * Organisation Data Service</a>
 */
public record AgencyCode(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]{3,8}");

	public AgencyCode {
		if (value == null || !FORMAT.matcher(value).matches()) {
			throw new InvalidRequestException("code", "must be 3 to 8 upper-case letters or digits");
		}
	}

	public static AgencyCode parse(String value) {
		return new AgencyCode(value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
