package care.concord.agency;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a request to a protected server discloses, in Concord's terms: one data category
 * of one citizen. A server maps each request (and each record it would return) to these;
 * Concord knows them as registered resources ("pointers": never the data).
 *
 * @param subject the citizen's NHS number (10 digits)
 * @param category a data category of Concord's vocabulary, e.g. {@code medications} or
 * {@code mental-health}
 */
public record ProtectedResource(String subject, String category) {

	/** Concord's data categories (consent-decisions.md). */
	public static final Set<String> CATEGORIES = Set.of("summary", "medications", "allergies", "test-results",
			"care-plan", "social-care-record", "record-location", "mental-health", "sexual-health", "substance-misuse",
			"genomic", "wearable");

	private static final Pattern NHS_NUMBER = Pattern.compile("[0-9]{10}");

	public ProtectedResource {
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(category, "category");
		subject = subject.replace(" ", "").replace("-", "");
		if (!NHS_NUMBER.matcher(subject).matches()) {
			throw new IllegalArgumentException("subject must be an NHS number of 10 digits");
		}
		if (!CATEGORIES.contains(category)) {
			throw new IllegalArgumentException("unknown data category '" + category + "', one of " + CATEGORIES);
		}
	}

	public static ProtectedResource of(String subject, String category) {
		return new ProtectedResource(subject, category);
	}

}
