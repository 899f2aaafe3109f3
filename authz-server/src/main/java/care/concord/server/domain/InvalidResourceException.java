package care.concord.server.domain;

import java.util.List;
import java.util.Objects;

/**
 * A submitted resource (a FHIR resource) is well-formed but does not conform to its
 * specification: the validator's errors, each with the location it is about. Mapped to
 * 422 Unprocessable Content (an {@code OperationOutcome} for FHIR clients).
 */
public class InvalidResourceException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<Issue> issues;

	public InvalidResourceException(String message, List<Issue> issues) {
		super(message);
		this.issues = List.copyOf(issues);
	}

	/** The errors, in the validator's order. */
	public List<Issue> issues() {
		return this.issues;
	}

	/**
	 * One error.
	 *
	 * @param location the element, as a FHIRPath expression
	 * ({@code Consent.provision.provision[0]}), or null
	 * @param message what is wrong
	 */
	public record Issue(String location, String message) {

		public Issue {
			Objects.requireNonNull(message, "message");
		}

	}

}
