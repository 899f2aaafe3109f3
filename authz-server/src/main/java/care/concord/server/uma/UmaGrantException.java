package care.concord.server.uma;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.util.Assert;

/**
 * A UMA grant error whose response differs from the token endpoint's standard 400:
 * {@code need_info} (403, with a new {@code ticket} and {@code required_claims}),
 * {@code request_denied} (403, with {@code concord_reasons}), or a server error (when a
 * decision could not be audited). Written by {@link UmaTokenErrorResponseHandler}.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3.6">UMA
 * Grant section 3.3.6</a>
 */
public class UmaGrantException extends OAuth2AuthenticationException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	private final transient Map<String, Object> members;

	public UmaGrantException(OAuth2Error error, HttpStatus status, Map<String, Object> members) {
		super(error, error.getDescription());
		Assert.notNull(status, "status cannot be null");
		this.status = status;
		this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
	}

	/** The HTTP status of the error response. */
	public HttpStatus getStatus() {
		return this.status;
	}

	/**
	 * Extension members of the error response besides {@code error},
	 * {@code error_description}.
	 */
	public Map<String, Object> getMembers() {
		return this.members;
	}

}
