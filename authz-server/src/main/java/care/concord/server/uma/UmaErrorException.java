package care.concord.server.uma;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * A UMA protection API error to answer with OAuth error JSON ({@code error},
 * {@code error_description}, and any extension members), translated at the edge by
 * {@link UmaErrorAdvice}.
 */
public class UmaErrorException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final UmaError error;

	private final transient Map<String, Object> members;

	public UmaErrorException(UmaError error, String description) {
		this(error, description, Map.of());
	}

	public UmaErrorException(UmaError error, String description, Map<String, Object> members) {
		super(description);
		Assert.notNull(error, "error cannot be null");
		this.error = error;
		this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
	}

	public UmaError getError() {
		return this.error;
	}

	/**
	 * The error JSON: {@code error}, {@code error_description} and the extension members.
	 */
	public Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", this.error.code());
		if (getMessage() != null) {
			body.put("error_description", getMessage());
		}
		body.putAll(this.members);
		return body;
	}

}
