package care.concord.server.uma;

import org.springframework.http.HttpStatus;

/**
 * The error codes of the UMA protection API and the UMA grant, with their HTTP status:
 * the catalogue UMA errors are written from (OAuth error JSON, {@code {"error": ...,
 * "error_description": ...}}).
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#rfc.section.3.2.1">UMA
 * FedAuthz section 3.2.1 (resource registration)</a>
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#rfc.section.4.3">UMA
 * FedAuthz section 4.3 (permission endpoint)</a>
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3.6">UMA
 * Grant section 3.3.6 (token endpoint)</a>
 */
public enum UmaError {

	/**
	 * The request is malformed: unreadable JSON, a missing or unexpected field, an
	 * oversized array.
	 */
	INVALID_REQUEST("invalid_request", HttpStatus.BAD_REQUEST),
	/**
	 * The resource is not registered, or not by this resource server (FedAuthz 3.2.1).
	 */
	NOT_FOUND("not_found", HttpStatus.NOT_FOUND),
	/**
	 * A permission names a resource that is not registered by this resource server
	 * (FedAuthz 4.3).
	 */
	INVALID_RESOURCE_ID("invalid_resource_id", HttpStatus.BAD_REQUEST),
	/** A permission names a scope the resource was not registered with (FedAuthz 4.3). */
	INVALID_SCOPE("invalid_scope", HttpStatus.BAD_REQUEST),
	/** The permission ticket is unknown, expired, used, or inconsistent (Grant 3.3.6). */
	INVALID_GRANT("invalid_grant", HttpStatus.BAD_REQUEST),
	/**
	 * The protection token does not cover this registration: a personal app's token names
	 * another citizen or was not granted the category (RFC 6750 section 3.1).
	 */
	INSUFFICIENT_SCOPE("insufficient_scope", HttpStatus.FORBIDDEN),
	/**
	 * More claims are needed; comes with a new ticket and {@code required_claims} (Grant
	 * 3.3.6).
	 */
	NEED_INFO("need_info", HttpStatus.FORBIDDEN),
	/** Every requested permission was denied (Grant 3.3.6). */
	REQUEST_DENIED("request_denied", HttpStatus.FORBIDDEN);

	private final String code;

	private final HttpStatus status;

	UmaError(String code, HttpStatus status) {
		this.code = code;
		this.status = status;
	}

	/** The {@code error} code. */
	public String code() {
		return this.code;
	}

	public HttpStatus status() {
		return this.status;
	}

}
