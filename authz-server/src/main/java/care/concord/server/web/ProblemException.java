package care.concord.server.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * A failure a feature reports to an API client: an {@link ErrorCatalogue} entry, a
 * human-readable detail and optional extension members. Translated into
 * {@code application/problem+json} by {@link ProblemDetailsAdvice}.
 */
public class ProblemException extends RuntimeException {

	private final ErrorCatalogue problem;

	private final Map<String, Object> properties;

	public ProblemException(ErrorCatalogue problem, String detail) {
		this(problem, detail, Map.of());
	}

	public ProblemException(ErrorCatalogue problem, String detail, Map<String, Object> properties) {
		super(detail);
		Assert.notNull(problem, "problem cannot be null");
		this.problem = problem;
		this.properties = new LinkedHashMap<>(properties);
	}

	public static ProblemException notFound(String what) {
		return new ProblemException(ErrorCatalogue.NOT_FOUND, what + " not found");
	}

	public static ProblemException invalid(String field, String message) {
		return new ProblemException(ErrorCatalogue.VALIDATION_FAILED, field + ": " + message,
				Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
	}

	public ErrorCatalogue getProblem() {
		return this.problem;
	}

	public Map<String, Object> getProperties() {
		return Map.copyOf(this.properties);
	}

}
