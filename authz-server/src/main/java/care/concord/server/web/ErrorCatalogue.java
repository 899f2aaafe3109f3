package care.concord.server.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The one catalogue of problem types Concord's non-OAuth APIs answer with (RFC 9457
 * {@code type}, {@code title}, status, and a stable {@code code} extension member clients
 * can switch on). OAuth endpoints answer OAuth error JSON instead (RFC 6749 section 5.2).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457#section-3">RFC 9457 section 3</a>
 */
public enum ErrorCatalogue {

	VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "The request is not valid"),
	INVALID_RESOURCE("invalid-resource", HttpStatus.UNPROCESSABLE_CONTENT, "The resource is not valid"),
	MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "The request body cannot be read"),
	UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication is required"),
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
	ALREADY_EXISTS("already-exists", HttpStatus.CONFLICT, "Already exists"),
	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflicts with the current state"),
	PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Precondition failed"),
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
	UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable"),
	INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	private final String code;

	private final HttpStatus status;

	private final String title;

	ErrorCatalogue(String code, HttpStatus status, String title) {
		this.code = code;
		this.status = status;
		this.title = title;
	}

	/** The stable code, also the last segment of {@link #type()}. */
	public String code() {
		return this.code;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	/** The problem type URI, {@code urn:concord:problem:<code>}. */
	public URI type() {
		return URI.create("urn:concord:problem:" + this.code);
	}

	/** The catalogue entry for an HTTP status, for errors raised by the framework. */
	public static ErrorCatalogue forStatus(int status) {
		for (ErrorCatalogue entry : values()) {
			if (entry.status.value() == status && entry != VALIDATION_FAILED && entry != CONFLICT) {
				return entry;
			}
		}
		return (status >= 500) ? INTERNAL_ERROR : VALIDATION_FAILED;
	}

}
